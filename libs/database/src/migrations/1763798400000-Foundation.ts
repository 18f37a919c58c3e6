import { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateTenantTable } from './tenant-isolation.js';

/**
 * The application role, the tenant tables and row-level security.
 * The API connects with the URL's user and `SET ROLE admin_api_app`, a role without BYPASSRLS,
 * so every tenant table answers only for `app.tenant_id` even if a query forgets its tenant filter.
 */
export class Foundation1763798400000 implements MigrationInterface {
  name = 'Foundation1763798400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'admin_api_app') THEN
          CREATE ROLE admin_api_app NOLOGIN NOBYPASSRLS;
        END IF;
      END $$`);
    await db.query(`DO $$ BEGIN EXECUTE format('GRANT admin_api_app TO %I', current_user); EXCEPTION WHEN others THEN NULL; END $$`);
    await db.query(`CREATE SCHEMA app_private`);
    await db.query(`GRANT USAGE ON SCHEMA public, app_private TO admin_api_app`);

    // '' after a transaction-local set_config ends, so NULLIF keeps "no tenant" meaning "no rows".
    await db.query(`
      CREATE FUNCTION app_private.current_tenant() RETURNS text LANGUAGE sql STABLE
      AS $$ SELECT NULLIF(current_setting('app.tenant_id', true), '') $$`);
    await db.query(`
      CREATE FUNCTION app_private.cross_tenant() RETURNS boolean LANGUAGE sql STABLE
      AS $$ SELECT coalesce(current_setting('app.cross_tenant', true), '') = 'on' $$`);

    await db.query(`
      CREATE TABLE tenants (
        id text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{1,64}$'),
        name text NOT NULL,
        allowed_origins text[] NOT NULL DEFAULT '{}',
        settings jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE memberships (
        tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        user_id text NOT NULL,
        role text NOT NULL CHECK (role IN ('owner', 'admin', 'editor', 'viewer')),
        email text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, user_id)
      )`);
    await db.query(`CREATE INDEX memberships_user_idx ON memberships (user_id)`);

    await isolateTenantTable(db, 'tenants', 'id');
    await isolateTenantTable(db, 'memberships');
    await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON tenants, memberships TO admin_api_app`);

    // Look-ups made before a tenant is chosen: narrow, read-only, one question each.
    await db.query(`
      CREATE FUNCTION app_private.membership_role(p_tenant text, p_user text) RETURNS text
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public SET app.cross_tenant = 'on'
      AS $$ SELECT role FROM memberships WHERE tenant_id = p_tenant AND user_id = p_user $$`);
    await db.query(`
      CREATE FUNCTION app_private.tenant_exists(p_tenant text) RETURNS boolean
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public SET app.cross_tenant = 'on'
      AS $$ SELECT EXISTS (SELECT 1 FROM tenants WHERE id = p_tenant) $$`);
    await db.query(`
      CREATE FUNCTION app_private.user_tenants(p_user text)
      RETURNS TABLE (id text, name text, role text)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public SET app.cross_tenant = 'on'
      AS $$ SELECT t.id, t.name, m.role FROM memberships m JOIN tenants t ON t.id = m.tenant_id
            WHERE m.user_id = p_user ORDER BY t.id $$`);
    await db.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA app_private TO admin_api_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE memberships`);
    await db.query(`DROP TABLE tenants`);
    await db.query(`DROP SCHEMA app_private CASCADE`);
  }
}
