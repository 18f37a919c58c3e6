import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { adminKeyHeaders, createTenantSession, type TenantSession } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { at, daysAgo, ingestAll } from './support.js';

const PARIS = { lat: 48.8566, lon: 2.3522, city: 'Paris', country: 'FR' };
const NEW_YORK = { lat: 40.7128, lon: -74.006, city: 'New York', country: 'US' };
const ROUTES = ['/v1/fraud/stats', '/v1/identity-graph', '/v1/attribution/stats', '/v1/account-sharing'];

/**
 * Two tenants whose users and devices have the same ids (alice, fp1): no figure of one may show in the
 * other, and a superadmin's cross-tenant answer keeps them apart per tenant and adds them up in the total.
 */
describe('analytics across tenants', () => {
  let t: TestApp;
  let a: TenantSession;
  let b: TenantSession;
  let superadmin: Record<string, string>;
  const T = daysAgo(2);
  const get = (path: string, headers: Record<string, string>) => t.http.get(path).set(headers);

  beforeAll(async () => {
    t = await startTestApp();
    a = await createTenantSession(t, 'iso_a');
    b = await createTenantSession(t, 'iso_b');
    superadmin = { Authorization: `Bearer ${await t.issuer.sign('user_superadmin')}` };
    await ingestAll(t, a.tenantId, [
      { userId: 'alice', fingerprint: 'fp1', geo: PARIS, campaign: { source: 'google', medium: 'cpc', name: 'spring' }, timestamp: at(T, 0) },
      { userId: 'alice', fingerprint: 'fp1', geo: NEW_YORK, timestamp: at(T, 60) },
      { userId: 'alice', fingerprint: 'fp1', eventType: 'signup', timestamp: at(T, 90) },
      { userId: 'bob', fingerprint: 'fp1', timestamp: at(T, 120) },
      { userId: 'carol', fingerprint: 'fp_c1', timestamp: at(T, 200) },
      { userId: 'carol', fingerprint: 'fp_c2', timestamp: at(T, 201) },
      { userId: 'carol', fingerprint: 'fp_c3', timestamp: at(T, 202) },
    ]);
    await ingestAll(t, b.tenantId, [
      { userId: 'alice', fingerprint: 'fp1', domainprint: 'dp1', campaign: { source: 'facebook', medium: 'social', name: 'spring' }, timestamp: at(T, 0) },
      { userId: 'alice', fingerprint: 'fp1', eventType: 'purchase', timestamp: at(T, 30) },
      { userId: 'dora', fingerprint: 'fp_d', domainprint: 'dp1', timestamp: at(T, 40) },
      { userId: 'zed', fingerprint: 'fp_z1', timestamp: at(T, 300) },
      { userId: 'zed', fingerprint: 'fp_z2', timestamp: at(T, 301) },
      { userId: 'zed', fingerprint: 'fp_z3', timestamp: at(T, 302) },
    ]);
  });
  afterAll(async () => {
    await t.close();
  });

  const statsA = {
    riskLevels: { low: 1, medium: 1, high: 1, critical: 0 },
    signals: { impossible_travel: 1, device_shared: 2, account_sharing: 1, velocity: 0 },
  };
  const statsB = {
    riskLevels: { low: 3, medium: 0, high: 0, critical: 0 },
    signals: { impossible_travel: 0, device_shared: 0, account_sharing: 1, velocity: 0 },
  };
  const conversion = { visits: 1, uniqueUsers: 1, conversionRate: 1, firstTouchConversions: 1, lastTouchConversions: 1 };
  const googleA = { source: 'google', ...conversion, signups: 1, purchases: 0 };
  const facebookB = { source: 'facebook', ...conversion, signups: 0, purchases: 1 };
  const clusterA = { size: 2, users: ['alice', 'bob'], fingerprints: ['fp1'], domainprints: [], fingerprintCount: 1, domainprintCount: 0 };
  const clusterB = { size: 2, users: ['alice', 'dora'], fingerprints: ['fp1', 'fp_d'], domainprints: ['dp1'], fingerprintCount: 2, domainprintCount: 1 };

  it('shows each tenant only its own figures, on every endpoint', async () => {
    const fraudA = await get('/v1/fraud/stats', a.as('viewer')).expect(200);
    expect(fraudA.body).toMatchObject(statsA);
    expect(fraudA.body.topRiskyUsers.map((user: { userId: string }) => user.userId)).toEqual(['alice', 'bob', 'carol']);
    expect(fraudA.body.impossibleTravel).toHaveLength(1);
    const fraudB = await get('/v1/fraud/stats', b.as('viewer')).expect(200);
    expect(fraudB.body).toEqual({
      ...statsB,
      topRiskyUsers: [{ userId: 'zed', riskScore: 20, riskLevel: 'low', signals: ['account_sharing'] }],
      impossibleTravel: [],
    });

    expect((await get('/v1/attribution/stats', a.as('viewer')).expect(200)).body).toEqual({ data: [googleA] });
    expect((await get('/v1/attribution/stats', b.as('viewer')).expect(200)).body).toEqual({ data: [facebookB] });

    expect((await get('/v1/identity-graph', a.as('viewer')).expect(200)).body).toEqual({ data: [clusterA], nextCursor: null, hasMore: false });
    expect((await get('/v1/identity-graph', b.as('viewer')).expect(200)).body).toEqual({ data: [clusterB], nextCursor: null, hasMore: false });
    expect((await get('/v1/identity-graph?userId=alice&depth=3', a.as('viewer')).expect(200)).body.nodes).toEqual([
      { id: 'alice', type: 'user' },
      { id: 'fp1', type: 'fingerprint' },
      { id: 'bob', type: 'user' },
    ]);
    expect((await get('/v1/identity-graph?userId=alice&depth=3', b.as('viewer')).expect(200)).body.nodes).toEqual([
      { id: 'alice', type: 'user' },
      { id: 'fp1', type: 'fingerprint' },
      { id: 'dp1', type: 'domainprint' },
      { id: 'dora', type: 'user' },
      { id: 'fp_d', type: 'fingerprint' },
    ]);
    expect((await get('/v1/identity-graph?userId=bob', b.as('viewer'))).status).toBe(404);

    const sharingA = await get('/v1/account-sharing', a.as('viewer')).expect(200);
    expect([sharingA.body.totals, sharingA.body.data.map((user: { userId: string }) => user.userId)]).toEqual([{ users: 1, fingerprints: 3 }, ['carol']]);
    const sharingB = await get('/v1/account-sharing', b.as('viewer')).expect(200);
    expect([sharingB.body.totals, sharingB.body.data.map((user: { userId: string; fingerprints: string[] }) => [user.userId, user.fingerprints])]).toEqual([
      { users: 1, fingerprints: 3 },
      [['zed', ['fp_z1', 'fp_z2', 'fp_z3']]],
    ]);
  });

  it('refuses another tenant and cross-tenant reads to non-superadmins', async () => {
    for (const route of ROUTES) {
      const foreign = await get(route, { ...a.as('viewer'), 'X-Organization-Id': b.tenantId });
      expect([foreign.status, foreign.body.message]).toEqual([403, 'No membership on this tenant']);
      const noHeader = await get(`${route}?allTenants=true`, { Authorization: `Bearer ${a.tokens.owner}` });
      expect([noHeader.status, noHeader.body.message]).toEqual([400, 'X-Organization-Id header required']);
      // With a tenant, allTenants changes nothing for a member.
      const scoped = await get(`${route}?allTenants=true`, a.as('viewer')).expect(200);
      expect(scoped.body).not.toHaveProperty('total');
      const superadminWithoutFlag = await get(route, superadmin);
      expect([superadminWithoutFlag.status, superadminWithoutFlag.body.message]).toEqual([400, 'X-Organization-Id header required']);
    }
    // A superadmin naming a tenant reads that tenant only.
    expect((await get('/v1/fraud/stats', { ...superadmin, 'X-Organization-Id': b.tenantId }).expect(200)).body).toMatchObject(statsB);
  });

  it('gives a superadmin per-tenant figures and their total, and lists that carry tenantId', async () => {
    const fraud = await get('/v1/fraud/stats?allTenants=true', superadmin).expect(200);
    expect(fraud.body.total).toMatchObject({
      riskLevels: { low: 4, medium: 1, high: 1, critical: 0 },
      signals: { impossible_travel: 1, device_shared: 2, account_sharing: 2, velocity: 0 },
    });
    expect(fraud.body.total.topRiskyUsers.map((user: { tenantId: string; userId: string }) => [user.tenantId, user.userId])).toEqual([
      ['iso_a', 'alice'],
      ['iso_a', 'bob'],
      ['iso_b', 'zed'],
      ['iso_a', 'carol'],
    ]);
    expect(
      fraud.body.total.impossibleTravel.map((incident: { tenantId: string; userId: string; km: number }) => [incident.tenantId, incident.userId, incident.km]),
    ).toEqual([['iso_a', 'alice', 5837.2]]);
    expect(fraud.body.byTenant).toEqual([
      { tenantId: 'iso_a', ...statsA },
      { tenantId: 'iso_b', ...statsB },
    ]);

    expect((await get('/v1/attribution/stats?allTenants=true', superadmin).expect(200)).body).toEqual({
      total: { data: [facebookB, googleA] },
      byTenant: [
        { tenantId: 'iso_a', data: [googleA] },
        { tenantId: 'iso_b', data: [facebookB] },
      ],
    });

    const clusters = await get('/v1/identity-graph?allTenants=true&limit=1', superadmin).expect(200);
    expect(clusters.body.data).toEqual([{ tenantId: 'iso_a', ...clusterA }]);
    const next = await get(`/v1/identity-graph?allTenants=true&limit=1&cursor=${clusters.body.nextCursor}`, superadmin).expect(200);
    expect(next.body).toEqual({ data: [{ tenantId: 'iso_b', ...clusterB }], nextCursor: null, hasMore: false });

    const graph = await get('/v1/identity-graph?allTenants=true&userId=alice&depth=1', superadmin).expect(200);
    expect(graph.body).toEqual({
      nodes: [
        { tenantId: 'iso_a', id: 'alice', type: 'user' },
        { tenantId: 'iso_a', id: 'fp1', type: 'fingerprint' },
        { tenantId: 'iso_b', id: 'alice', type: 'user' },
        { tenantId: 'iso_b', id: 'fp1', type: 'fingerprint' },
        { tenantId: 'iso_b', id: 'dp1', type: 'domainprint' },
      ],
      edges: [
        { tenantId: 'iso_a', from: 'alice', fromType: 'user', to: 'fp1', toType: 'fingerprint', eventCount: 3 },
        { tenantId: 'iso_b', from: 'alice', fromType: 'user', to: 'fp1', toType: 'fingerprint', eventCount: 2 },
        { tenantId: 'iso_b', from: 'alice', fromType: 'user', to: 'dp1', toType: 'domainprint', eventCount: 1 },
      ],
      truncated: false,
    });
    expect((await get('/v1/identity-graph?allTenants=true&userId=nobody', superadmin)).status).toBe(404);

    const sharing = await get('/v1/account-sharing?allTenants=true', adminKeyHeaders()).expect(200);
    expect(sharing.body.totals).toEqual({ users: 2, fingerprints: 6 });
    expect(sharing.body.byTenant).toEqual([
      { tenantId: 'iso_a', users: 1, fingerprints: 3 },
      { tenantId: 'iso_b', users: 1, fingerprints: 3 },
    ]);
    expect(sharing.body.data.map((user: { tenantId: string; userId: string }) => [user.tenantId, user.userId])).toEqual([
      ['iso_b', 'zed'],
      ['iso_a', 'carol'],
    ]);
  });

  it('audits every cross-tenant read on the platform chain', async () => {
    const count = async () =>
      (await t.db.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE tenant_id IS NULL AND operation = 'cross_tenant.read'`))[0].n;
    const before = await count();
    for (const route of ROUTES) await get(`${route}?allTenants=true`, superadmin).expect(200);
    expect(await count()).toBe(before + ROUTES.length);
    const rows = await t.db.sql<{ entity_id: string }>(
      `SELECT entity_id FROM audit_log WHERE tenant_id IS NULL AND operation = 'cross_tenant.read' ORDER BY seq DESC LIMIT ${ROUTES.length}`,
    );
    expect(rows.map((row) => row.entity_id).sort()).toEqual([...ROUTES].sort());
  });

  it('row-level security keeps the analytics tables to the bound tenant even without a tenant filter', async () => {
    const client = new pg.Client({ connectionString: t.db.url });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL ROLE admin_api_app');
      await client.query(`SELECT set_config('app.tenant_id', 'iso_a', true)`);
      for (const table of ['attribution_visit_days', 'attribution_conversions', 'identity_clusters', 'identity_cluster_members']) {
        const { rows } = await client.query<{ tenant_id: string }>(`SELECT DISTINCT tenant_id FROM ${table}`);
        expect([table, rows.map((row) => row.tenant_id)]).toEqual([table, ['iso_a']]);
      }
      await expect(client.query(`INSERT INTO identity_clusters VALUES ('iso_b', 1, 1, 0, 0, 'x')`)).rejects.toThrow(/row-level security/);
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
      await client.end();
    }
  });
});
