import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every tenant request starts with one look-up: does the tenant exist, and what is the caller's role on
 * it. A PL/pgSQL function keeps its plans for the session, where the SQL functions it replaces were
 * parsed and planned again on every call (about a third of the request's database time).
 */
export class TenantBinding1763816400000 implements MigrationInterface {
  name = 'TenantBinding1763816400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION app_private.tenant_binding(p_tenant text, p_user text, OUT tenant_exists boolean, OUT role text)
      LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public SET app.cross_tenant = 'on'
      AS $$
      BEGIN
        tenant_exists := EXISTS (SELECT 1 FROM tenants WHERE id = p_tenant);
        SELECT m.role INTO role FROM memberships m WHERE m.tenant_id = p_tenant AND m.user_id = p_user;
      END $$`);
    await db.query(`GRANT EXECUTE ON FUNCTION app_private.tenant_binding(text, text) TO admin_api_app`);
    await db.query(`DROP FUNCTION app_private.membership_role(text, text)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION app_private.membership_role(p_tenant text, p_user text) RETURNS text
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public SET app.cross_tenant = 'on'
      AS $$ SELECT role FROM memberships WHERE tenant_id = p_tenant AND user_id = p_user $$`);
    await db.query(`GRANT EXECUTE ON FUNCTION app_private.membership_role(text, text) TO admin_api_app`);
    await db.query(`DROP FUNCTION app_private.tenant_binding(text, text)`);
  }
}
