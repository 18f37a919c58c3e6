import { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateTenantTable } from './tenant-isolation.js';

const TABLES = ['tenant_identity_providers', 'tenant_role_strategies'] as const;

/**
 * Enterprise sign-in: a tenant's own identity provider and where its members' roles come from.
 *
 * - `tenant_identity_providers`: at most one IdP per tenant; an issuer belongs to one tenant only (unique).
 * - `tenant_role_strategies`: `membership` (no row) or `claim` with the claim paths and the role map.
 *
 * A token names its issuer before any tenant is known, so routing it is a look-up by issuer through a
 * narrow SECURITY DEFINER function that answers that one question. `tenant_access` extends the
 * per-request `tenant_binding` with the tenant's current issuer and role strategy, in the same round
 * trip; `tenant_binding` stays until no running instance calls it any more.
 */
export class TenantSignIn1795660000000 implements MigrationInterface {
  name = 'TenantSignIn1795660000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE tenant_identity_providers (
        tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        issuer text NOT NULL,
        jwks_url text NOT NULL,
        audience text,
        authorized_parties text[] NOT NULL DEFAULT '{}',
        algorithms text[] NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id)
      )`);
    await db.query(`CREATE UNIQUE INDEX tenant_identity_providers_issuer_key ON tenant_identity_providers (issuer)`);
    await db.query(`
      CREATE TABLE tenant_role_strategies (
        tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        strategy text NOT NULL CHECK (strategy IN ('membership', 'claim')),
        role_claim text,
        org_claim text,
        role_map jsonb,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id),
        CHECK (strategy = 'membership' OR (role_claim IS NOT NULL AND org_claim IS NOT NULL AND role_map IS NOT NULL))
      )`);
    for (const table of TABLES) await isolateTenantTable(db, table);
    await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${TABLES.join(', ')} TO admin_api_app`);

    await db.query(`
      CREATE FUNCTION app_private.identity_provider_by_issuer(p_issuer text)
      RETURNS TABLE (tenant_id text, jwks_url text, audience text, authorized_parties text[], algorithms text[])
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp SET app.cross_tenant = 'on'
      AS $$ SELECT p.tenant_id, p.jwks_url, p.audience, p.authorized_parties, p.algorithms
            FROM public.tenant_identity_providers p WHERE p.issuer = p_issuer $$`);
    await db.query(`
      CREATE FUNCTION app_private.tenant_access(p_tenant text, p_user text, OUT tenant_exists boolean, OUT role text, OUT issuer text, OUT role_strategy jsonb)
      LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp SET app.cross_tenant = 'on'
      AS $$
      BEGIN
        tenant_exists := EXISTS (SELECT 1 FROM public.tenants WHERE id = p_tenant);
        SELECT m.role INTO role FROM public.memberships m WHERE m.tenant_id = p_tenant AND m.user_id = p_user;
        SELECT p.issuer INTO issuer FROM public.tenant_identity_providers p WHERE p.tenant_id = p_tenant;
        SELECT jsonb_build_object('roleClaim', s.role_claim, 'orgClaim', s.org_claim, 'roleMap', s.role_map) INTO role_strategy
          FROM public.tenant_role_strategies s WHERE s.tenant_id = p_tenant AND s.strategy = 'claim';
      END $$`);
    for (const fn of ['identity_provider_by_issuer(text)', 'tenant_access(text, text)']) {
      await db.query(`REVOKE EXECUTE ON FUNCTION app_private.${fn} FROM PUBLIC`);
      await db.query(`GRANT EXECUTE ON FUNCTION app_private.${fn} TO admin_api_app`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION app_private.tenant_access(text, text)`);
    await db.query(`DROP FUNCTION app_private.identity_provider_by_issuer(text)`);
    for (const table of [...TABLES].reverse()) await db.query(`DROP TABLE ${table}`);
  }
}
