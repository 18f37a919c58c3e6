import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tenant ids that differ only in case name one tenant to a person reading them (`Acme` and `acme`), so
 * they are unique regardless of case. Where such ids already exist this fails (PostgreSQL names the
 * duplicated key): which of them to rename is an operator's decision, not a migration's.
 *
 * Also retires `app_private.membership_role`, which no release has called since `tenant_binding`
 * replaced it; `down` restores it as DefinerHardening left it.
 */
export class TenantIdsIgnoreCase1763824200000 implements MigrationInterface {
  name = 'TenantIdsIgnoreCase1763824200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE UNIQUE INDEX tenants_id_lower_key ON tenants (lower(id))`);
    await db.query(`DROP FUNCTION app_private.membership_role(text, text)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION app_private.membership_role(p_tenant text, p_user text) RETURNS text
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp SET app.cross_tenant = 'on'
      AS $$ SELECT role FROM memberships WHERE tenant_id = p_tenant AND user_id = p_user $$`);
    await db.query(`REVOKE EXECUTE ON FUNCTION app_private.membership_role(text, text) FROM PUBLIC`);
    await db.query(`GRANT EXECUTE ON FUNCTION app_private.membership_role(text, text) TO admin_api_app`);
    await db.query(`DROP INDEX tenants_id_lower_key`);
  }
}
