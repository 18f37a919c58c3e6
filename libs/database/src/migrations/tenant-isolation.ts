import type { QueryRunner } from 'typeorm';

/**
 * Row-level security as every tenant table has it: enabled and forced (the owner obeys it too), with
 * one policy admitting the rows of the bound tenant, or every row in the explicit cross-tenant mode.
 */
export async function isolateTenantTable(db: QueryRunner, table: string, tenantColumn = 'tenant_id'): Promise<void> {
  const visible = `${tenantColumn} = app_private.current_tenant() OR app_private.cross_tenant()`;
  await db.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY`);
  await db.query(`CREATE POLICY tenant_isolation ON ${table} USING (${visible}) WITH CHECK (${visible})`);
}
