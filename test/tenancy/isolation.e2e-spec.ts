import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { createTenantSession, type TenantSession } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('tenant isolation', () => {
  let t: TestApp;
  let acme: TenantSession;
  let globex: TenantSession;

  beforeAll(async () => {
    t = await startTestApp();
    acme = await createTenantSession(t, 'acme');
    globex = await createTenantSession(t, 'globex');
  });
  afterAll(async () => {
    await t.close();
  });

  /** A raw session as the application's role, exactly as the API's pool connects. */
  async function asAppRole<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: t.db.url, options: '-c role=admin_api_app' });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  it('lets only the application call the owner-rights look-ups, which never resolve names in temporary tables first', async () => {
    const lookups = await t.db.sql<{ fn: string; config: string[]; public_execute: boolean; app_execute: boolean }>(
      `SELECT p.oid::regprocedure::text AS fn, p.proconfig AS config,
              has_function_privilege('public', p.oid, 'EXECUTE') AS public_execute,
              has_function_privilege('admin_api_app', p.oid, 'EXECUTE') AS app_execute
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'app_private' AND p.prosecdef ORDER BY 1`,
    );
    expect(lookups.map((lookup) => lookup.fn)).toEqual(
      expect.arrayContaining(['app_private.tenant_binding(text,text)', 'app_private.api_token_by_hash(bytea)']),
    );
    for (const lookup of lookups) {
      expect({ fn: lookup.fn, searchPath: lookup.config.find((setting) => setting.startsWith('search_path=')) }).toEqual({
        fn: lookup.fn,
        searchPath: 'search_path=pg_catalog, public, pg_temp',
      });
      expect({ fn: lookup.fn, publicExecute: lookup.public_execute, appExecute: lookup.app_execute }).toEqual({
        fn: lookup.fn,
        publicExecute: false,
        appExecute: true,
      });
    }
  });

  it('row-level security hides other tenants from a query that forgets its tenant filter', async () => {
    const rows = await asAppRole(async (client) => {
      await client.query(`SELECT set_config('app.tenant_id', 'acme', false)`);
      return (await client.query<{ tenant_id: string }>('SELECT DISTINCT tenant_id FROM memberships')).rows;
    });
    expect(rows).toEqual([{ tenant_id: 'acme' }]);
  });

  it('row-level security returns nothing when no tenant is bound', async () => {
    const counts = await asAppRole(async (client) => {
      const tables = ['tenants', 'memberships', 'audit_log'];
      return Promise.all(tables.map(async (table) => (await client.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n));
    });
    expect(counts).toEqual([0, 0, 0]);
  });

  it('row-level security refuses writes into another tenant', async () => {
    await expect(
      asAppRole(async (client) => {
        await client.query(`SELECT set_config('app.tenant_id', 'acme', false)`);
        await client.query(`INSERT INTO memberships (tenant_id, user_id, role) VALUES ('globex', 'intruder', 'owner')`);
      }),
    ).rejects.toThrow(/row-level security/);
    const intruders = await t.db.sql(`SELECT 1 FROM memberships WHERE user_id = 'intruder'`);
    expect(intruders).toHaveLength(0);
  });

  it('the app role cannot rewrite or delete audit rows', async () => {
    await expect(
      asAppRole(async (client) => {
        await client.query(`SELECT set_config('app.tenant_id', 'acme', false)`);
        await client.query(`DELETE FROM audit_log WHERE tenant_id = 'acme'`);
      }),
    ).rejects.toThrow(/permission denied/);
  });

  it('answers 404, never 403, for another tenant’s resource id', async () => {
    const res = await t.http.delete(`/v1/members/${globex.userIds.viewer}`).set(acme.as('admin'));
    expect(res.status).toBe(404);
    const stillThere = await t.http.get('/v1/members').set(globex.as('viewer')).expect(200);
    expect(stillThere.body.data.map((member: { userId: string }) => member.userId)).toContain(globex.userIds.viewer);
  });

  it('never lists another tenant’s members or audit rows', async () => {
    const members = await t.http.get('/v1/members').set(acme.as('viewer')).expect(200);
    expect(members.body.data.map((member: { userId: string }) => member.userId).sort()).toEqual(Object.values(acme.userIds).sort());
    const audit = await t.http.get('/v1/audit').set(acme.as('admin')).expect(200);
    expect(audit.body.data.length).toBeGreaterThan(0);
    expect(audit.body.data.every((row: { tenantId: string }) => row.tenantId === 'acme')).toBe(true);
  });
});
