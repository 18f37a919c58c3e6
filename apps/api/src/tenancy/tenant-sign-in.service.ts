import { Inject, Injectable } from '@nestjs/common';
import { AuditWriter } from '#libs/audit/src/index.js';
import { outboundPolicy, PLATFORM_ISSUER, type PlatformIssuer, tenantJwks } from '#libs/auth/src/index.js';
import { APP_CONFIG, type AppConfig, upgradeKnownIdpUrl } from '#libs/config/src/index.js';
import { ApiException, checkOutboundUrl, OutboundError, type OutboundPolicy } from '#libs/http/src/index.js';
import type { PutRoleStrategyDto, PutTenantIdpDto, RoleStrategyDto, TenantIdpDto } from './dto/tenant-sign-in.dto.js';
import { TenantLock } from './tenant-lock.service.js';
import { ISSUER_UNIQUE, type RoleStrategyRow, TenantSignInRepository, type TenantIdpRow } from './tenant-sign-in.repository.js';

/** Who may change how the tenant's members sign in and get their roles. */
const SIGN_IN_MANAGER_ROLE = 'owner';
const DEFAULT_ALGORITHMS = ['RS256', 'ES256'];

const issuerTaken = () => new ApiException(409, 'issuer_taken', 'This issuer is already bound to another tenant or is the platform issuer');

/**
 * A tenant's own identity provider and its role strategy. Saving an IdP proves its JWKS works first (a
 * tenant cannot lock its members out with a typo); changes run under the tenant lock, by an owner as
 * the lock reads it, and are audited with the change.
 */
@Injectable()
export class TenantSignInService {
  private readonly outbound: OutboundPolicy;

  constructor(
    private readonly lock: TenantLock,
    private readonly signIn: TenantSignInRepository,
    private readonly audit: AuditWriter,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(PLATFORM_ISSUER) private readonly platform: PlatformIssuer,
  ) {
    this.outbound = outboundPolicy(config);
  }

  async getIdp(): Promise<TenantIdpDto> {
    const row = await this.signIn.getIdp();
    if (!row) throw new ApiException(404, 'not_found', 'This tenant has no identity provider of its own');
    return toIdp(row);
  }

  async putIdp(dto: PutTenantIdpDto): Promise<TenantIdpDto> {
    if (dto.issuer === this.platform.issuer) throw issuerTaken();
    const jwksUrl = await this.allowedJwksUrl(dto.jwksUrl);
    try {
      await tenantJwks(jwksUrl, this.outbound)();
    } catch (error) {
      throw new ApiException(400, 'jwks_unreachable', `The JWKS at jwksUrl ${error instanceof Error ? error.message : String(error)}`);
    }
    const idp = {
      issuer: dto.issuer,
      jwksUrl,
      audience: dto.audience,
      authorizedParties: dto.authorizedParties ?? [],
      algorithms: dto.algorithms ?? DEFAULT_ALGORITHMS,
    };
    return this.lock.change(SIGN_IN_MANAGER_ROLE, async ({ tenant }) => {
      const previous = await this.signIn.getIdp();
      const row = await this.signIn.putIdp(idp).catch((error: unknown) => {
        throw (error as { constraint?: string }).constraint === ISSUER_UNIQUE ? issuerTaken() : error;
      });
      await this.audit.record({
        operation: 'tenant.idp.put',
        entityType: 'tenant',
        entityId: tenant.id,
        details: { ...idp, previousIssuer: previous?.issuer ?? null },
      });
      return toIdp(row!);
    });
  }

  /** The URL as it will be fetched (well-known IdP hosts upgraded to https), once it passes the outbound rules. */
  private async allowedJwksUrl(given: string): Promise<string> {
    let url: string;
    try {
      url = upgradeKnownIdpUrl(given);
    } catch {
      throw new ApiException(400, 'url_not_allowed', 'jwksUrl is not a URL');
    }
    try {
      await checkOutboundUrl(url, this.outbound);
    } catch (error) {
      if (error instanceof OutboundError) throw new ApiException(400, 'url_not_allowed', `jwksUrl is not allowed: ${error.message}`);
      throw error;
    }
    return url;
  }

  async deleteIdp(): Promise<void> {
    await this.lock.change(SIGN_IN_MANAGER_ROLE, async ({ tenant }) => {
      const removed = await this.signIn.deleteIdp();
      await this.audit.record({ operation: 'tenant.idp.delete', entityType: 'tenant', entityId: tenant.id, details: { issuer: removed?.issuer ?? null } });
    });
  }

  async putRoleStrategy(dto: PutRoleStrategyDto): Promise<RoleStrategyDto> {
    return this.lock.change(SIGN_IN_MANAGER_ROLE, async ({ tenant }) => {
      const row = await this.signIn.putRoleStrategy(dto);
      const strategy = toRoleStrategy(row!);
      await this.audit.record({
        operation: 'tenant.role_strategy.put',
        entityType: 'tenant',
        entityId: tenant.id,
        details: { strategy: strategy.strategy, roleClaim: strategy.roleClaim, orgClaim: strategy.orgClaim, roleMap: strategy.roleMap },
      });
      return strategy;
    });
  }
}

const toIdp = (row: TenantIdpRow): TenantIdpDto => ({
  issuer: row.issuer,
  jwksUrl: row.jwks_url,
  audience: row.audience,
  authorizedParties: row.authorized_parties,
  algorithms: row.algorithms,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

const toRoleStrategy = (row: RoleStrategyRow): RoleStrategyDto => ({
  strategy: row.strategy,
  roleClaim: row.role_claim,
  orgClaim: row.org_claim,
  roleMap: row.role_map,
  updatedAt: row.updated_at.toISOString(),
});
