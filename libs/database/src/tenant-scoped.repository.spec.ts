import { describe, expect, it } from '@jest/globals';
import type { TenantDatabase } from './tenant-database.js';
import { TenantScopedRepository } from './tenant-scoped.repository.js';

class ProbeRepository extends TenantScopedRepository {
  run(sql: string, params: unknown[] = []) {
    return this.scoped(sql, params);
  }
}

function databaseBoundTo(tenantId: string | undefined) {
  const calls: Array<{ sql: string; params: unknown[] }> = [];
  const db = {
    tenantId,
    query: (sql: string, params: unknown[]) => {
      calls.push({ sql, params });
      return Promise.resolve([]);
    },
  } as unknown as TenantDatabase;
  return { db, calls };
}

describe('TenantScopedRepository', () => {
  it('binds the request tenant as $1 ahead of the caller’s parameters', async () => {
    const { db, calls } = databaseBoundTo('acme');
    await new ProbeRepository(db).run('SELECT 1 FROM memberships WHERE tenant_id = $1 AND user_id = $2', ['u1']);
    expect(calls).toEqual([{ sql: 'SELECT 1 FROM memberships WHERE tenant_id = $1 AND user_id = $2', params: ['acme', 'u1'] }]);
  });

  it('refuses SQL that does not use the tenant', async () => {
    const { db, calls } = databaseBoundTo('acme');
    await expect(new ProbeRepository(db).run('SELECT * FROM memberships WHERE user_id = $10')).rejects.toThrow(/does not use the tenant/);
    expect(calls).toEqual([]);
  });

  it('refuses to run without a tenant in the request context', async () => {
    const { db } = databaseBoundTo(undefined);
    await expect(new ProbeRepository(db).run('SELECT 1 FROM tenants WHERE id = $1')).rejects.toThrow(/without a tenant/);
  });
});
