import { createParamDecorator, InternalServerErrorException } from '@nestjs/common';
import { ClsServiceManager } from 'nestjs-cls';
import type { Principal, RequestContext } from '#libs/database/src/index.js';

function fromContext<K extends keyof RequestContext>(key: K, what: string) {
  const value = ClsServiceManager.getClsService<RequestContext>().get(key);
  // A handler asking for this without the guard having set it is a wiring bug, never "anonymous".
  if (value === undefined) throw new InternalServerErrorException(`${what} requested on a route without its gate`);
  return value;
}

export const CurrentPrincipal = createParamDecorator((): Principal => fromContext('principal', 'Principal') as Principal);
export const CurrentTenant = createParamDecorator((): string => fromContext('tenantId', 'Tenant') as string);
