import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { APP_CONFIG, type AppConfig } from '#libs/config/src/index.js';
import { AuthenticationGuard, DASHBOARD_JWT_ENABLED } from './authentication.guard.js';
import { AuthorizationGuard } from './authorization.guard.js';
import { DEV_AUDIENCE, DEV_ISSUER, DEV_SUPERADMIN_CLAIM, DevIssuer } from './dev-issuer.js';
import { TenantDatabase } from '#libs/database/src/index.js';
import type { OutboundPolicy } from '#libs/http/src/index.js';
import { IssuerVerifiers } from './issuer-verifiers.js';
import { JwksKeyResolver, platformJwks } from './jwks-key-resolver.js';
import { OriginGuard, TenantOriginsRepository } from './origin.guard.js';
import { DASHBOARD_JWT_STRATEGY, PlatformJwtAuthGuard } from './platform-jwt-auth.guard.js';
import { PlatformJwtStrategy } from './platform-jwt.strategy.js';
import { SdkCorsPolicy } from './sdk-cors.policy.js';
import { TenantGuard } from './tenant.guard.js';

/** The `iss` of the platform's own IdP, which no tenant may register (`{issuer: undefined}` when not configured). */
export const PLATFORM_ISSUER = Symbol('PLATFORM_ISSUER');
export interface PlatformIssuer {
  issuer?: string;
}

/** The outbound rules for URLs tenants write: https only in production, private addresses as configured. */
export const outboundPolicy = (config: AppConfig): OutboundPolicy => ({ allowPrivate: config.outboundAllowPrivate, httpsOnly: config.isProduction });

/** Present (a DevIssuer) only in development without PLATFORM_JWKS_URL. */
export const DEV_ISSUER_TOKEN = Symbol('DEV_ISSUER');

/**
 * The global guard chain, in the order of the gates: authenticate → tenant + membership → role/scope → SDK origin.
 * Registered as APP_GUARDs, so every route is covered unless it declares otherwise.
 */
@Global()
@Module({
  imports: [PassportModule],
  providers: [
    {
      provide: DEV_ISSUER_TOKEN,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => (!config.isProduction && !config.platformJwt.jwksUrl ? new DevIssuer(config.dataDir) : null),
    },
    {
      provide: DASHBOARD_JWT_STRATEGY,
      inject: [APP_CONFIG, DEV_ISSUER_TOKEN, TenantDatabase],
      useFactory: (config: AppConfig, devIssuer: DevIssuer | null, db: TenantDatabase) => {
        const jwt = config.platformJwt;
        if (!jwt.jwksUrl && !devIssuer) return null;
        const platform = {
          keys: devIssuer ?? new JwksKeyResolver(platformJwks(jwt.jwksUrl!)),
          issuer: devIssuer ? DEV_ISSUER : jwt.issuer,
          audience: devIssuer ? DEV_AUDIENCE : jwt.audience,
          authorizedParties: devIssuer ? [] : jwt.authorizedParties,
          algorithms: devIssuer ? ['RS256'] : jwt.algorithms,
        };
        return new PlatformJwtStrategy({
          verifiers: new IssuerVerifiers(platform, (issuer) => db.identityProviderByIssuer(issuer), outboundPolicy(config)),
          superAdminIds: config.superAdminIds,
          superAdminClaim: config.superAdminClaim ?? (devIssuer ? DEV_SUPERADMIN_CLAIM : undefined),
        });
      },
    },
    {
      provide: DASHBOARD_JWT_ENABLED,
      inject: [DASHBOARD_JWT_STRATEGY],
      useFactory: (strategy: PlatformJwtStrategy | null) => strategy !== null,
    },
    {
      provide: PLATFORM_ISSUER,
      inject: [APP_CONFIG, DEV_ISSUER_TOKEN],
      useFactory: (config: AppConfig, devIssuer: DevIssuer | null): PlatformIssuer => ({ issuer: devIssuer ? DEV_ISSUER : config.platformJwt.issuer }),
    },
    PlatformJwtAuthGuard,
    { provide: APP_GUARD, useClass: AuthenticationGuard },
    { provide: APP_GUARD, useClass: TenantGuard },
    { provide: APP_GUARD, useClass: AuthorizationGuard },
    { provide: APP_GUARD, useClass: OriginGuard },
    TenantOriginsRepository,
    SdkCorsPolicy,
  ],
  exports: [DEV_ISSUER_TOKEN, PLATFORM_ISSUER, SdkCorsPolicy],
})
export class AuthModule {}
