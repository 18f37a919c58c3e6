import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { event } from '../support/events.js';
import { createTenantSession, type TenantSession } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { peakCheckedOut } from './connection-pools.support.js';

// DATABASE_POOL_SIZE 12: 8 tenant-bound connections, of which one tenant may hold 2 at once.
const POOL_SIZE = '12';
const FAIR_SHARE = 2;
const SHOP = 'https://shop.example.com';
const FLOOD_REQUESTS = 24;
const FLOOD_BATCH_EVENTS = 1000;
const B_READERS = 2;

describe('noisy neighbours: a flood from one tenant', () => {
  let t: TestApp;
  let a: TenantSession;
  let b: TenantSession;
  let publishableKey: string;

  beforeAll(async () => {
    t = await startTestApp({ DATABASE_POOL_SIZE: POOL_SIZE });
    a = await createTenantSession(t, 'flooder', { allowedOrigins: [SHOP] });
    b = await createTenantSession(t, 'neighbour');
    const res = await t.http
      .post('/v1/tokens')
      .set(a.as('admin'))
      .send({ name: 'sdk', kind: 'publishable', scopes: ['events:write'] });
    expect([res.status, res.body.token]).toEqual([201, expect.stringMatching(/^pk_/)]);
    publishableKey = res.body.token as string;
  });
  afterAll(async () => {
    await t.close();
  });

  const floodBatch = (requestIndex: number) =>
    t.http
      .post('/v1/events/batch')
      .set({ 'X-API-Key': publishableKey, Origin: SHOP })
      .send({
        events: Array.from({ length: FLOOD_BATCH_EVENTS }, (_, i) => event({ userId: `flood_${requestIndex}_${i % 100}`, fingerprint: `fp_${i % 50}` })),
      });

  it("keeps the other tenant's reads answered, and the flooding tenant within its share of the connections", async () => {
    let flooding = true;
    const readsOfB: number[] = [];
    const readUntilFloodEnds = async () => {
      do {
        for (const path of ['/v1/members', '/v1/users?limit=50']) readsOfB.push((await t.http.get(path).set(b.as('viewer'))).status);
      } while (flooding);
    };
    const { peak, result: flood } = await peakCheckedOut(t, async () => {
      const readers = Array.from({ length: B_READERS }, readUntilFloodEnds);
      const answers = await Promise.all(Array.from({ length: FLOOD_REQUESTS }, (_, i) => floodBatch(i)));
      flooding = false;
      await Promise.all(readers);
      return answers;
    });

    expect(readsOfB.filter((status) => status !== 200)).toEqual([]);
    // Each of B's readers holds at most one connection; everything else checked out was A's, and 4 of 8 stayed free.
    expect(peak).toBeLessThanOrEqual(FAIR_SHARE + B_READERS);
    // A may be told to come back later, with a code naming why, but is never failed otherwise.
    const refused = flood.filter((answer) => answer.status !== 202);
    expect(refused.map((answer) => [answer.status, answer.body.code, typeof answer.headers['retry-after']])).toEqual(
      refused.map(() => [503, 'tenant_busy', 'string']),
    );
    const accepted = flood.filter((answer) => answer.status === 202);
    expect(accepted.length).toBeGreaterThan(0);
    // Every accepted event is kept under its own tenant, waiting in the inbox or processed (one snapshot sees each in one place).
    const stored = await t.db.sql<{ tenant_id: string; count: number }>(
      `SELECT tenant_id, count(*)::int AS count FROM (SELECT tenant_id FROM event_inbox UNION ALL SELECT tenant_id FROM events) e GROUP BY tenant_id`,
    );
    expect(stored).toEqual([{ tenant_id: 'flooder', count: accepted.reduce((sum, answer) => sum + Number(answer.body.accepted), 0) }]);
  });
});
