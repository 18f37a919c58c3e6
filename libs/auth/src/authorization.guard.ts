import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ClsService } from '#libs/common/src/cls.service.js';
import type { RequestContext } from '#libs/database/src/index.js';
import { ApiException } from '#libs/http/src/index.js';
import { Access } from './access.decorators.js';
import { requireRole } from './gate-denials.js';
import { isPlatformOperator } from './principal.js';

/** Gate 4: the route's minimum role for members, its scopes for machine tokens. */
@Injectable()
export class AuthorizationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly cls: ClsService<RequestContext>,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const policy = this.reflector.getAllAndOverride(Access, [context.getHandler(), context.getClass()]);
    const principal = this.cls.get('principal');
    switch (policy?.kind) {
      case 'signed-in':
        if (principal?.kind === 'token') throw new ForbiddenException('API tokens cannot access this route');
        return true;
      case 'platform-admin':
        if (!isPlatformOperator(principal)) throw new ForbiddenException('Requires superadmin');
        return true;
      case 'tenant':
        break;
      default:
        return true;
    }
    if (principal?.kind === 'token') {
      if (!policy.scopes) throw new ForbiddenException('API tokens cannot access this route');
      if (principal.tokenKind === 'publishable' && !policy.publishable) {
        throw new ForbiddenException('Publishable keys may only ingest events');
      }
      const missing = policy.scopes.find((scope) => !principal.scopes.includes(scope));
      if (missing) throw new ApiException(403, 'scope_required', `Requires scope ${missing}`);
      return true;
    }
    if (this.cls.get('crossTenant')) return true;
    requireRole(this.cls.get('role'), policy.minRole);
    return true;
  }
}
