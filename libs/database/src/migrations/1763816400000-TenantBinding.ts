import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every tenant request starts with one look-up: does the tenant exist, and what is the caller's role on
 * it. A PL/pgSQL function keeps its plans for the session, where the SQL functions it stands in for
 * (`tenant_exists` + `membership_role`) are parsed and planned again on every call, about a third of
 * the request's database time. `membership_role` stays until no running instance calls it any more.
 *
 * `pg_temp` last on the search path: a session's temporary tables can never stand in for the real ones.
 */
export class TenantBinding1763816400000 implements MigrationInterface {
  name = 'TenantBinding1763816400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION app_private.tenant_binding(p_tenant text, p_user text, OUT tenant_exists boolean, OUT role text)
      LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp SET app.cross_tenant = 'on'
      AS $$
      BEGIN
        tenant_exists := EXISTS (SELECT 1 FROM public.tenants WHERE id = p_tenant);
        SELECT m.role INTO role FROM public.memberships m WHERE m.tenant_id = p_tenant AND m.user_id = p_user;
      END $$`);
    await db.query(`REVOKE EXECUTE ON FUNCTION app_private.tenant_binding(text, text) FROM PUBLIC`);
    await db.query(`GRANT EXECUTE ON FUNCTION app_private.tenant_binding(text, text) TO admin_api_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION app_private.tenant_binding(text, text)`);
  }
}
