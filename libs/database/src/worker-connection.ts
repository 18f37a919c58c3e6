import type { Pool } from 'pg';
import type { TenantDatabase } from './tenant-database.js';

/**
 * Runs `work` in a context of its own on a connection of the worker pool, then releases it. Background
 * work (pipeline chunks, jobs, webhook attempts) stays off the tenant pool, so it never takes a request's
 * place in a tenant's share. `work` binds the connection first (bindTenant or bindCrossTenant). A failed
 * run may leave the connection broken or mid-transaction: it is discarded rather than handed to the next.
 */
export async function onWorkerConnection<T>(db: TenantDatabase, pool: Pool, work: () => Promise<T>): Promise<T> {
  const connection = await pool.connect();
  try {
    const result = await db.runOnConnection(connection, work);
    connection.release();
    return result;
  } catch (error) {
    connection.release(true);
    throw error;
  }
}

/** `work` bound to `tenantId` (row-level security as for a request) on a worker connection. */
export function workerAsTenant<T>(db: TenantDatabase, pool: Pool, tenantId: string, work: () => Promise<T>): Promise<T> {
  return onWorkerConnection(db, pool, async () => {
    await db.bindTenant(tenantId);
    return work();
  });
}

/** `work` in the explicit cross-tenant mode on a worker connection (background scans across tenants). */
export function workerAcrossTenants<T>(db: TenantDatabase, pool: Pool, work: () => Promise<T>): Promise<T> {
  return onWorkerConnection(db, pool, async () => {
    await db.bindCrossTenant();
    return work();
  });
}
