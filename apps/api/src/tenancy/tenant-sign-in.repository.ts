import { Injectable } from '@nestjs/common';
import { TenantScopedRepository } from '#libs/database/src/index.js';

export interface TenantIdpRow {
  issuer: string;
  jwks_url: string;
  audience: string | null;
  authorized_parties: string[];
  algorithms: string[];
  created_at: Date;
  updated_at: Date;
}

export interface RoleStrategyRow {
  strategy: 'membership' | 'claim';
  role_claim: string | null;
  org_claim: string | null;
  role_map: Record<string, string> | null;
  updated_at: Date;
}

const IDP_COLUMNS = 'issuer, jwks_url, audience, authorized_parties, algorithms, created_at, updated_at';
const STRATEGY_COLUMNS = 'strategy, role_claim, org_claim, role_map, updated_at';

/** The tenant's own IdP and role strategy. Look-ups by issuer before a tenant is known go through TenantDatabase's definer function. */
@Injectable()
export class TenantSignInRepository extends TenantScopedRepository {
  getIdp(): Promise<TenantIdpRow | undefined> {
    return this.scopedOne<TenantIdpRow>(`SELECT ${IDP_COLUMNS} FROM tenant_identity_providers WHERE tenant_id = $1`);
  }

  /** Fails with PostgreSQL's unique violation (ISSUER_UNIQUE) when another tenant holds the issuer. */
  putIdp(idp: { issuer: string; jwksUrl: string; audience?: string; authorizedParties: string[]; algorithms: string[] }): Promise<TenantIdpRow | undefined> {
    return this.scopedOne<TenantIdpRow>(
      `INSERT INTO tenant_identity_providers (tenant_id, issuer, jwks_url, audience, authorized_parties, algorithms) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (tenant_id) DO UPDATE
         SET issuer = EXCLUDED.issuer, jwks_url = EXCLUDED.jwks_url, audience = EXCLUDED.audience,
             authorized_parties = EXCLUDED.authorized_parties, algorithms = EXCLUDED.algorithms, updated_at = now()
       RETURNING ${IDP_COLUMNS}`,
      [idp.issuer, idp.jwksUrl, idp.audience ?? null, idp.authorizedParties, idp.algorithms],
    );
  }

  deleteIdp(): Promise<{ issuer: string } | undefined> {
    return this.scopedOne<{ issuer: string }>(`DELETE FROM tenant_identity_providers WHERE tenant_id = $1 RETURNING issuer`);
  }

  putRoleStrategy(strategy: {
    strategy: string;
    roleClaim?: string;
    orgClaim?: string;
    roleMap?: Record<string, string>;
  }): Promise<RoleStrategyRow | undefined> {
    const claim = strategy.strategy === 'claim';
    return this.scopedOne<RoleStrategyRow>(
      `INSERT INTO tenant_role_strategies (tenant_id, strategy, role_claim, org_claim, role_map) VALUES ($1, $2, $3, $4, $5::jsonb)
       ON CONFLICT (tenant_id) DO UPDATE
         SET strategy = EXCLUDED.strategy, role_claim = EXCLUDED.role_claim, org_claim = EXCLUDED.org_claim, role_map = EXCLUDED.role_map, updated_at = now()
       RETURNING ${STRATEGY_COLUMNS}`,
      [strategy.strategy, claim ? strategy.roleClaim : null, claim ? strategy.orgClaim : null, claim ? JSON.stringify(strategy.roleMap) : null],
    );
  }
}

/** The unique index that keeps an issuer to one tenant. */
export const ISSUER_UNIQUE = 'tenant_identity_providers_issuer_key';
