import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, NotFoundException, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ClsService } from '#libs/common/src/cls.service.js';
import { RequestContext, TenantDatabase } from '#libs/database/src/index.js';
import { ApiException } from '#libs/http/src/index.js';
import { Access } from './access.decorators.js';
import { membershipRequired } from './gate-denials.js';
import { unknownIssuer } from './issuer-verifiers.js';
import { isPlatformOperator } from './principal.js';
import { memberRole } from './role-strategy.js';
import { tenantIdFromHeaders } from './tenant-header.js';

/** Called once a superadmin read across all tenants is admitted, so it lands on the platform audit chain. */
export interface CrossTenantReadRecorder {
  recordCrossTenantRead(req: Request): Promise<void>;
}
export const CROSS_TENANT_READ_RECORDER = Symbol('CROSS_TENANT_READ_RECORDER');

/**
 * Gates 2 and 3: which tenant, and is the caller a member of it. One round trip binds the tenant to the
 * request's connection (for RLS) and answers the membership question. An unknown tenant is the same 403
 * as a foreign one for members (no existence oracle); only platform operators learn it is a 404.
 */
@Injectable()
export class TenantGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly cls: ClsService<RequestContext>,
    private readonly db: TenantDatabase,
    @Optional() @Inject(CROSS_TENANT_READ_RECORDER) private readonly crossTenantReads?: CrossTenantReadRecorder,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride(Access, [context.getHandler(), context.getClass()]);
    if (policy?.kind !== 'tenant') return true;
    const req = context.switchToHttp().getRequest<Request>();
    const principal = this.cls.get('principal');
    let requested = tenantIdFromHeaders(req);

    if (principal?.kind === 'token') {
      if (requested !== undefined && requested !== principal.tenantId) throw new ForbiddenException('Token is not valid for this tenant');
      await this.db.bindTenant(principal.tenantId);
      return true;
    }
    const member = principal?.kind === 'member' ? principal : undefined;
    // A tenant IdP's token is valid for that tenant only, and without a header names it.
    if (member?.issuerTenantId !== undefined) {
      if (requested !== undefined && requested !== member.issuerTenantId) {
        throw new ApiException(403, 'issuer_not_valid_for_tenant', "The token's issuer is bound to another tenant");
      }
      requested = member.issuerTenantId;
    }
    if (requested === undefined) {
      if (policy.crossTenant && req.query.allTenants === 'true' && isPlatformOperator(principal)) {
        await this.db.bindCrossTenant();
        await this.crossTenantReads?.recordCrossTenantRead(req);
        return true;
      }
      throw new ApiException(400, 'tenant_header_required', 'X-Organization-Id header required');
    }
    const binding = await this.db.bindTenant(requested, member?.sub);
    if (isPlatformOperator(principal)) {
      if (!binding.tenantExists) throw new NotFoundException('Tenant not found');
      this.cls.set('role', 'owner');
      return true;
    }
    if (!member) throw membershipRequired();
    // Read with the membership on every request: an IdP removed or replaced on any instance stops counting at once.
    if (member.issuerTenantId !== undefined && binding.issuer !== member.claims.iss) throw unknownIssuer();
    const { role, source } = memberRole(member, requested, binding);
    this.cls.set('role', role);
    this.cls.set('roleSource', source);
    if (source === 'claim') this.db.rememberMember(requested, member.sub);
    return true;
  }
}
