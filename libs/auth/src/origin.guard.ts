import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ClsService } from '#libs/common/src/cls.service.js';
import { RequestContext, TenantScopedRepository } from '#libs/database/src/index.js';
import { ApiException } from '#libs/http/src/index.js';
import { Access } from './access.decorators.js';

@Injectable()
export class TenantOriginsRepository extends TenantScopedRepository {
  async allowedOrigins(): Promise<string[]> {
    const row = await this.scopedOne<{ allowed_origins: string[] }>(`SELECT allowed_origins FROM tenants WHERE id = $1`);
    return row?.allowed_origins ?? [];
  }
}

/**
 * Gate 5, the SDK edge: a publishable key only works from one of its tenant's `allowedOrigins`, matched
 * exactly by scheme, host and port. `Origin` decides when present (even `null`); otherwise `Referer`;
 * neither is a denial. Secret keys, members and the admin key are server-side callers and skip it.
 * Denials are logged and counted, never written to the audit chain (no credential-less chain growth).
 */
@Injectable()
export class OriginGuard implements CanActivate {
  private readonly logger = new Logger('OriginGate');
  private denials = 0;

  constructor(
    private readonly reflector: Reflector,
    private readonly cls: ClsService<RequestContext>,
    private readonly tenants: TenantOriginsRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride(Access, [context.getHandler(), context.getClass()]);
    if (policy?.kind !== 'tenant' || !policy.publishable) return true;
    const principal = this.cls.get('principal');
    if (principal?.kind !== 'token' || principal.tokenKind !== 'publishable') return true;
    const req = context.switchToHttp().getRequest<Request>();
    const origin = requestOrigin(req);
    if (origin !== undefined && (await this.tenants.allowedOrigins()).includes(origin)) return true;
    this.denials += 1;
    this.logger.warn(
      { requestId: this.cls.get('requestId'), tenantId: principal.tenantId, tokenId: principal.tokenId, origin: origin ?? null, denials: this.denials },
      'SDK request from an origin the tenant does not allow',
    );
    throw new ApiException(403, 'origin_not_allowed', 'Origin not allowed');
  }
}

/** The caller's origin: `Origin` when sent, else the origin of `Referer`; undefined when neither is usable. */
export function requestOrigin(req: Pick<Request, 'headers'>): string | undefined {
  const origin = single(req.headers.origin);
  if (origin !== undefined) return originOf(origin);
  const referer = single(req.headers.referer);
  return referer === undefined ? undefined : originOf(referer);
}

/** `scheme://host[:port]` of an http(s) URL, normalised (lower-case host, default port dropped). */
export function originOf(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
