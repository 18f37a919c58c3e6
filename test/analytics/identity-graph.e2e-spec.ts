import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTenantSession, type TenantSession } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { at, type CraftedEvent, daysAgo, ingestAll } from './support.js';

const user = (id: string) => ({ id, type: 'user' });
const fp = (id: string) => ({ id, type: 'fingerprint' });
const dp = (id: string) => ({ id, type: 'domainprint' });
const edge = (from: string, to: string, toType: 'fingerprint' | 'domainprint', eventCount: number) => ({ from, fromType: 'user', to, toType, eventCount });

/**
 * u1 —fp1— u2 —fp2— u3 —dp3— u4 (u2 also on dp2, u3 also on fp3, u4 also on fp4); u5 alone; u6 and u7 share dp6;
 * u8 and u9 share fp8. Linked over several batches, so clusters merge at ingest.
 */
describe('GET /v1/identity-graph', () => {
  let t: TestApp;
  let session: TenantSession;
  let crowd: TenantSession;
  const T = daysAgo(2);
  const graph = (query: string, who: TenantSession = session) => t.http.get(`/v1/identity-graph${query}`).set(who.as('viewer'));
  let minute = 0;
  const event = (userId: string, fingerprint: string, domainprint?: string): CraftedEvent => ({
    userId,
    fingerprint,
    ...(domainprint ? { domainprint } : {}),
    timestamp: at(T, (minute += 1)),
  });

  beforeAll(async () => {
    t = await startTestApp();
    session = await createTenantSession(t, 'graph');
    crowd = await createTenantSession(t, 'graph_crowd');
    await ingestAll(t, session.tenantId, [event('u1', 'fp1'), event('u1', 'fp1'), event('u3', 'fp3', 'dp3'), event('u4', 'fp4', 'dp3'), event('u5', 'fp5')]);
    await ingestAll(t, session.tenantId, [event('u4', 'fp4', 'dp3'), event('u4', 'fp4', 'dp3'), event('u6', 'fp6', 'dp6'), event('u8', 'fp8')]);
    // This batch joins {u1, fp1} and {u3, u4, ...} through u2, and u7 joins u6 through dp6.
    await ingestAll(t, session.tenantId, [event('u2', 'fp1'), event('u2', 'fp2', 'dp2'), event('u2', 'fp2'), event('u3', 'fp2'), event('u7', 'fp7', 'dp6')]);
    await ingestAll(t, session.tenantId, [event('u9', 'fp8'), { fingerprint: 'fp_anonymous', domainprint: 'dp6', timestamp: at(T, 100) }]);
    // 600 users on one device, and 499 on another.
    const crowdOn = (fingerprint: string, prefix: string, users: number) =>
      Array.from({ length: users }, (_, index) => ({ userId: `${prefix}${String(index).padStart(3, '0')}`, fingerprint, timestamp: at(T, index) }));
    await ingestAll(t, crowd.tenantId, [...crowdOn('fp_kiosk', 'c', 600), ...crowdOn('fp_exact', 'x', 499)]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('walks from a user, one hop per depth, with event counts on the edges', async () => {
    expect((await graph('?userId=u1&depth=1').expect(200)).body).toEqual({
      nodes: [user('u1'), fp('fp1')],
      edges: [edge('u1', 'fp1', 'fingerprint', 2)],
      truncated: false,
    });
    expect((await graph('?userId=u1&depth=2').expect(200)).body).toEqual({
      nodes: [user('u1'), fp('fp1'), user('u2')],
      edges: [edge('u1', 'fp1', 'fingerprint', 2), edge('u2', 'fp1', 'fingerprint', 1)],
      truncated: false,
    });
    // Default depth: 2.
    expect((await graph('?userId=u1').expect(200)).body.nodes).toEqual([user('u1'), fp('fp1'), user('u2')]);
    expect((await graph('?userId=u1&depth=3').expect(200)).body).toEqual({
      // Strongest link first: u2 has 2 events on fp2, 1 on dp2.
      nodes: [user('u1'), fp('fp1'), user('u2'), fp('fp2'), dp('dp2')],
      edges: [
        edge('u1', 'fp1', 'fingerprint', 2),
        edge('u2', 'fp1', 'fingerprint', 1),
        edge('u2', 'fp2', 'fingerprint', 2),
        edge('u2', 'dp2', 'domainprint', 1),
      ],
      truncated: false,
    });
  });

  it('walks from a fingerprint', async () => {
    expect((await graph('?fingerprint=fp2&depth=1').expect(200)).body).toEqual({
      nodes: [fp('fp2'), user('u2'), user('u3')],
      edges: [edge('u2', 'fp2', 'fingerprint', 2), edge('u3', 'fp2', 'fingerprint', 1)],
      truncated: false,
    });
    const depth2 = [fp('fp2'), user('u2'), user('u3'), dp('dp2'), dp('dp3'), fp('fp1'), fp('fp3')];
    const depth2Edges = [
      edge('u2', 'fp1', 'fingerprint', 1),
      edge('u2', 'fp2', 'fingerprint', 2),
      edge('u2', 'dp2', 'domainprint', 1),
      edge('u3', 'fp2', 'fingerprint', 1),
      edge('u3', 'fp3', 'fingerprint', 1),
      edge('u3', 'dp3', 'domainprint', 1),
    ];
    expect((await graph('?fingerprint=fp2&depth=2').expect(200)).body).toEqual({ nodes: depth2, edges: depth2Edges, truncated: false });
    expect((await graph('?fingerprint=fp2&depth=3').expect(200)).body).toEqual({
      // u4 has 3 events on dp3, u1 2 on fp1; fp4 is a fourth hop away.
      nodes: [...depth2, user('u4'), user('u1')],
      edges: [edge('u1', 'fp1', 'fingerprint', 2), ...depth2Edges, edge('u4', 'dp3', 'domainprint', 3)],
      truncated: false,
    });
  });

  it('answers a node without links alone, and an anonymous fingerprint without users', async () => {
    expect((await graph('?userId=u5&depth=3').expect(200)).body).toEqual({
      nodes: [user('u5'), fp('fp5')],
      edges: [edge('u5', 'fp5', 'fingerprint', 1)],
      truncated: false,
    });
    expect((await graph('?fingerprint=fp_anonymous').expect(200)).body).toEqual({ nodes: [fp('fp_anonymous')], edges: [], truncated: false });
  });

  it('stops at 500 nodes, keeping the strongest links, and says so', async () => {
    const fromDevice = await graph('?fingerprint=fp_kiosk&depth=1', crowd).expect(200);
    expect(fromDevice.body.truncated).toBe(true);
    expect(fromDevice.body.nodes).toHaveLength(500);
    expect(fromDevice.body.nodes.slice(0, 3)).toEqual([fp('fp_kiosk'), user('c000'), user('c001')]);
    expect(fromDevice.body.nodes[499]).toEqual(user('c498'));
    expect(fromDevice.body.edges).toHaveLength(499);
    expect(fromDevice.body.edges[498]).toEqual(edge('c498', 'fp_kiosk', 'fingerprint', 1));

    const fromUser = await graph('?userId=c599&depth=3', crowd).expect(200);
    expect(fromUser.body.truncated).toBe(true);
    expect(fromUser.body.nodes).toHaveLength(500);
    expect(fromUser.body.nodes.slice(0, 3)).toEqual([user('c599'), fp('fp_kiosk'), user('c000')]);

    // Exactly at the cap is not truncated: a device and its 499 users.
    const exact = await graph('?fingerprint=fp_exact&depth=3', crowd).expect(200);
    expect([exact.body.truncated, exact.body.nodes.length, exact.body.edges.length]).toEqual([false, 500, 499]);
  });

  it('lists clusters of linked users, largest first, paginated', async () => {
    const all = await graph('').expect(200);
    expect(all.body).toEqual({
      data: [
        {
          size: 4,
          users: ['u1', 'u2', 'u3', 'u4'],
          fingerprints: ['fp1', 'fp2', 'fp3', 'fp4'],
          domainprints: ['dp2', 'dp3'],
          fingerprintCount: 4,
          domainprintCount: 2,
        },
        { size: 2, users: ['u6', 'u7'], fingerprints: ['fp6', 'fp7'], domainprints: ['dp6'], fingerprintCount: 2, domainprintCount: 1 },
        { size: 2, users: ['u8', 'u9'], fingerprints: ['fp8'], domainprints: [], fingerprintCount: 1, domainprintCount: 0 },
      ],
      nextCursor: null,
      hasMore: false,
    });
    const first = await graph('?limit=2').expect(200);
    expect(first.body.data).toEqual(all.body.data.slice(0, 2));
    const second = await graph(`?limit=2&cursor=${first.body.nextCursor}`).expect(200);
    expect(second.body).toEqual({ data: all.body.data.slice(2), nextCursor: null, hasMore: false });

    const crowded = await graph('', crowd).expect(200);
    expect(crowded.body.data.map((cluster: { size: number; fingerprints: string[] }) => [cluster.size, cluster.fingerprints])).toEqual([
      [600, ['fp_kiosk']],
      [499, ['fp_exact']],
    ]);
    // Members are listed up to 100 per type; size and the counts are complete.
    expect(crowded.body.data[0].users).toEqual(Array.from({ length: 100 }, (_, index) => `c${String(index).padStart(3, '0')}`));
  });

  it('rejects bad seeds, depths and paging', async () => {
    const both = await graph('?userId=u1&fingerprint=fp1');
    expect([both.status, both.body.message]).toEqual([400, 'Give userId or fingerprint, not both']);
    for (const depth of ['0', '4', 'x', '0x2', '2.0', '+2']) expect((await graph(`?userId=u1&depth=${depth}`)).status).toBe(400);
    const depthAlone = await graph('?depth=2');
    expect([depthAlone.status, depthAlone.body.message]).toEqual([400, 'depth needs userId or fingerprint']);
    expect((await graph('?userId=u1&limit=5')).status).toBe(400);
    const cursor = await graph('?cursor=bm9wZQ');
    expect([cursor.status, cursor.body.code]).toEqual([400, 'invalid_cursor']);
    expect((await graph('?limit=501')).status).toBe(400);
  });

  it('answers 404 for an unknown seed, and for a seed of another tenant', async () => {
    const unknown = await graph('?userId=nobody');
    expect([unknown.status, unknown.body.message]).toEqual([404, 'User not found']);
    const foreign = await graph('?fingerprint=fp_kiosk');
    expect([foreign.status, foreign.body.message]).toEqual([404, 'Fingerprint not found']);
    expect((await graph('?userId=u1', crowd)).status).toBe(404);
  });
});
