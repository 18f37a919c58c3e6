import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { revertAndReapply } from '../support/migrations.js';
import { Analytics1763812800000 } from '../../libs/database/src/migrations/1763812800000-Analytics.js';
import { createTenantSession, type TenantSession } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { at, type CraftedEvent, daysAgo, ingestAll } from './support.js';

/** The read models as plain data: clusters as their member lists (ids are arbitrary), the rest row by row. */
async function snapshot(t: TestApp) {
  return {
    visits: await t.db.sql(`SELECT tenant_id, day::text, source, medium, campaign, user_id, visits::int FROM attribution_visit_days ORDER BY 1, 2, 3, 4, 5, 6`),
    conversions: await t.db.sql(`SELECT * FROM attribution_conversions ORDER BY tenant_id, user_id, ts, event_id`),
    clusters: await t.db.sql(`
      SELECT c.tenant_id, c.user_count, c.fingerprint_count, c.domainprint_count, c.anchor,
             array_agg(m.node_type || ':' || m.node_id ORDER BY m.node_type, m.node_id) AS members
      FROM identity_clusters c JOIN identity_cluster_members m ON m.tenant_id = c.tenant_id AND m.cluster_id = c.cluster_id
      GROUP BY c.tenant_id, c.cluster_id ORDER BY c.tenant_id, c.anchor`),
  };
}

describe('analytics rollups kept at ingest', () => {
  let t: TestApp;
  let session: TenantSession;
  let other: TenantSession;
  const T = daysAgo(6);

  beforeAll(async () => {
    t = await startTestApp();
    session = await createTenantSession(t, 'rollups');
    other = await createTenantSession(t, 'rollups_other');
  });
  afterAll(async () => {
    await t.close();
  });

  it('merges clusters correctly when batches that link them arrive concurrently', async () => {
    // Batch i links user k<i> to devices f<i> and f<i+1>: together, one chain of 8 users and 9 devices.
    const batches = Array.from({ length: 8 }, (_, index) => [
      { userId: `k${index}`, fingerprint: `f${index}`, domainprint: `d${index % 3}`, timestamp: at(T, index * 10) },
      { userId: `k${index}`, fingerprint: `f${index + 1}`, timestamp: at(T, index * 10 + 1) },
    ]);
    await Promise.all(batches.map((events) => ingestAll(t, session.tenantId, events)));
    const res = await t.http.get('/v1/identity-graph').set(session.as('viewer')).expect(200);
    expect(res.body).toEqual({
      data: [
        {
          size: 8,
          users: ['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7'],
          fingerprints: ['f0', 'f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'f7', 'f8'],
          domainprints: ['d0', 'd1', 'd2'],
          fingerprintCount: 9,
          domainprintCount: 3,
        },
      ],
      nextCursor: null,
      hasMore: false,
    });
    const [counts] = await t.db.sql<{ clusters: number; members: number }>(
      `SELECT (SELECT count(*) FROM identity_clusters WHERE tenant_id = 'rollups')::int AS clusters,
              (SELECT count(*) FROM identity_cluster_members WHERE tenant_id = 'rollups')::int AS members`,
    );
    expect(counts).toEqual({ clusters: 1, members: 20 });
  });

  it('builds the same read models from stored events when the migration runs on a populated store', async () => {
    const campaign = (source: string) => ({ source, medium: 'cpc', name: `${source}_q1` });
    const events: CraftedEvent[] = [
      { userId: 'a1', fingerprint: 'x1', domainprint: 'y1', campaign: campaign('google'), timestamp: at(T, 0) },
      { userId: 'a1', fingerprint: 'x1', eventType: 'signup', timestamp: at(T, 5) },
      { userId: 'a2', fingerprint: 'x2', domainprint: 'y1', eventType: 'purchase', timestamp: at(T, 1500) },
      { userId: 'a2', fingerprint: 'x2', campaign: campaign('bing'), timestamp: at(T, 1400) },
      { fingerprint: 'x3', campaign: campaign('bing'), timestamp: at(T, 2900) },
      { userId: 'a3', fingerprint: 'x3', eventType: 'purchase', timestamp: at(T, 3000) },
      { userId: 'a4', fingerprint: 'x4', timestamp: at(T, 3100) },
    ];
    await ingestAll(t, other.tenantId, events.slice(0, 3));
    await ingestAll(t, other.tenantId, events.slice(3));
    await ingestAll(t, other.tenantId, [{ userId: 'a3', fingerprint: 'x3', campaign: campaign('google'), timestamp: at(T, 2950) }]);
    const before = await snapshot(t);
    const answers = async () =>
      Promise.all(
        ['/v1/identity-graph', '/v1/attribution/stats?groupBy=source', '/v1/attribution/stats?groupBy=campaign'].map(
          async (path) => (await t.http.get(path).set(other.as('viewer')).expect(200)).body,
        ),
      );
    const answered = await answers();
    expect(answered[1].data).toHaveLength(2);

    await revertAndReapply(t.db.url, new Analytics1763812800000());

    expect(await snapshot(t)).toEqual(before);
    expect(await answers()).toEqual(answered);
    // Ingest keeps merging on top of the backfilled clusters.
    await ingestAll(t, other.tenantId, [{ userId: 'a4', fingerprint: 'x1', timestamp: at(T, 3200) }]);
    const merged = await t.http.get('/v1/identity-graph').set(other.as('viewer')).expect(200);
    expect(merged.body.data.map((cluster: { users: string[] }) => cluster.users)).toEqual([['a1', 'a2', 'a4']]);
  });
});
