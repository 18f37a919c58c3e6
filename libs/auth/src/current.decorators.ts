import { createParamDecorator, InternalServerErrorException } from '@nestjs/common';
import { ClsService } from '#libs/common/src/cls.service.js';
import type { Principal, RequestContext } from '#libs/database/src/index.js';

const cls = new ClsService<RequestContext>();

function fromContext<K extends keyof RequestContext>(key: K, what: string): NonNullable<RequestContext[K]> {
  const value = cls.get(key);
  // A handler asking for this without the guard having set it is a wiring bug, never "anonymous".
  if (value === undefined) throw new InternalServerErrorException(`${what} requested on a route without its gate`);
  return value;
}

export const CurrentPrincipal = createParamDecorator((): Principal => fromContext('principal', 'Principal'));
export const CurrentTenant = createParamDecorator((): string => fromContext('tenantId', 'Tenant'));
