import { MigrationInterface, QueryRunner } from 'typeorm';

/** The refresh function's definition; `settings` are extra `SET` clauses (later migrations replace it with some). */
export const refreshTenantStatistics = (create: 'CREATE' | 'CREATE OR REPLACE', settings = '') => `
  ${create} FUNCTION app_private.refresh_tenant_statistics() RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp${settings} AS $$
  DECLARE
    tenant_table regclass;
  BEGIN
    FOR tenant_table IN
      SELECT c.oid::regclass FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relrowsecurity
      ORDER BY c.relname
    LOOP
      EXECUTE format('ANALYZE %s', tenant_table);
    END LOOP;
  END
  $$`;

/**
 * `app_private.refresh_tenant_statistics()`: ANALYZE of every tenant table (those under row-level
 * security), for the event pipeline to call as a tenant grows. Planner statistics are per table: a tenant
 * that arrives after the last ANALYZE (a new customer, a device farm's first minutes) is estimated at a
 * row or two, and look-ups by primary key were then planned on any index that starts with tenant_id
 * (`fingerprint_stats (tenant_id, event_count, fingerprint)`), reading the tenant's whole range per key:
 * a chunk's statement took 47 s at 50k events. The inbox is included: with a burst waiting in it that the
 * statistics did not know, the head of the queue was read by scanning all of it (300 ms a chunk at 250k
 * waiting) instead of walking the first rows of its index. Autovacuum analyses too, but minutes later.
 * ANALYZE needs the tables' owner, hence SECURITY DEFINER; it takes no lock that blocks reads or writes.
 */
export class PlannerStatistics1795720000000 implements MigrationInterface {
  name = 'PlannerStatistics1795720000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(refreshTenantStatistics('CREATE'));
    await db.query(`REVOKE ALL ON FUNCTION app_private.refresh_tenant_statistics() FROM PUBLIC`);
    await db.query(`GRANT EXECUTE ON FUNCTION app_private.refresh_tenant_statistics() TO admin_api_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION app_private.refresh_tenant_statistics()`);
  }
}
