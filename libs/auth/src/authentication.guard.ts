import { CanActivate, ExecutionContext, Inject, Injectable, Optional, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ClsService } from '#libs/common/src/cls.service.js';
import { timingSafeEqual, createHash } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '#libs/config/src/index.js';
import type { Principal, RequestContext } from '#libs/database/src/index.js';
import { AuditAction } from '#libs/http/src/index.js';
import { Access } from './access.decorators.js';
import { MACHINE_AUTHENTICATOR, type MachineAuthenticator } from './machine-authenticator.js';
import { PlatformJwtAuthGuard } from './platform-jwt-auth.guard.js';
import { VerifiedTokenCache } from './verified-token-cache.js';

export const DASHBOARD_JWT_ENABLED = Symbol('DASHBOARD_JWT_ENABLED');

/**
 * Gate 1: who is calling. Deny by default: a route without an access declaration is refused.
 * Exactly one credential is examined; a wrong admin key never falls back to another credential.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  private readonly verifiedTokens = new VerifiedTokenCache();

  constructor(
    private readonly reflector: Reflector,
    private readonly cls: ClsService<RequestContext>,
    private readonly jwtGuard: PlatformJwtAuthGuard,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DASHBOARD_JWT_ENABLED) private readonly dashboardJwtEnabled: boolean,
    @Optional() @Inject(MACHINE_AUTHENTICATOR) private readonly machines?: MachineAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride(Access, [context.getHandler(), context.getClass()]);
    if (!policy) throw new UnauthorizedException('Route has no access declaration');
    const auditAction = this.reflector.get(AuditAction, context.getHandler());
    if (auditAction) this.cls.set('auditAction', auditAction);
    if (policy.kind === 'public' || policy.kind === 'internal' || policy.kind === 'api-key-exchange') return true;

    const req = context.switchToHttp().getRequest<Request>();
    const principal = await this.authenticate(req, context);
    this.cls.set('principal', principal);
    return true;
  }

  private async authenticate(req: Request, context: ExecutionContext): Promise<Principal> {
    const adminKey = header(req, 'x-admin-api-key');
    if (adminKey !== undefined) {
      if (!this.config.adminApiKey || !constantTimeEqual(adminKey, this.config.adminApiKey)) {
        throw new UnauthorizedException('Invalid admin key');
      }
      return { kind: 'admin_key' };
    }
    const apiKey = header(req, 'x-api-key');
    if (apiKey !== undefined) {
      if (!this.machines) throw new UnauthorizedException('Invalid API key');
      return this.machines.authenticateApiKey(apiKey);
    }
    const authorization = header(req, 'authorization');
    if (authorization === undefined) throw new UnauthorizedException('Authentication required');
    const bearer = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    if (!bearer) throw new UnauthorizedException('Authorization header must be "Bearer <token>"');
    if (this.machines?.isServiceJwt(bearer)) return this.machines.authenticateServiceJwt(bearer);
    if (!this.dashboardJwtEnabled) throw new ServiceUnavailableException('Dashboard sign-in is not configured (PLATFORM_JWKS_URL)');
    const known = this.verifiedTokens.get(bearer);
    if (known) return known;
    await this.jwtGuard.canActivate(context);
    const principal = (req as Request & { user: Principal }).user;
    if (principal.kind === 'member') this.verifiedTokens.set(bearer, principal, principal.claims.exp);
    return principal;
  }
}

function header(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Compares digests so neither content nor length leaks through timing. */
export function constantTimeEqual(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
