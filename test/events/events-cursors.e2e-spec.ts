import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { crowdIntoOneMillisecond, expectCursorContract, expectEveryRowOnce, firstCursor, type GetPage, type ListPage } from '../support/cursors.js';
import { at, event, ingest, recentBase } from '../support/events.js';
import { createTenantSession, type TenantSession } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Listed = { eventId: string };
/** Viewers of tenants A and B, or the superadmin (reading across tenants with allTenants=true). */
type Caller = 'a' | 'b' | 'superadmin';

describe('event pages', () => {
  let t: TestApp;
  let a: TenantSession;
  let b: TenantSession;
  let superadmin: Record<string, string>;
  const base = recentBase();
  const eventsOf =
    (caller: Caller): GetPage<Listed> =>
    (query) =>
      t.http
        .get('/v1/events')
        .query(query)
        .set(caller === 'superadmin' ? superadmin : (caller === 'a' ? a : b).as('viewer'));
  /** A detail page's `field` (its events page) as a list; a refusal keeps its error body. */
  const detailEvents =
    (path: string, field: string): GetPage<Listed> =>
    async (query) => {
      const res = await t.http.get(path).query(query).set(a.as('viewer'));
      return { status: res.status, body: (res.status === 200 ? res.body[field] : res.body) as ListPage<Listed>['body'] };
    };
  const eventId = (item: Listed) => item.eventId;

  beforeAll(async () => {
    t = await startTestApp();
    a = await createTenantSession(t, 'ev_pages_a');
    b = await createTenantSession(t, 'ev_pages_b');
    superadmin = { Authorization: `Bearer ${await t.issuer.sign('user_superadmin')}` };
    const walker = { userId: 'walker', fingerprint: 'fp_walk', domainprint: 'dp_walk' };
    await ingest(
      t,
      a.tenantId,
      Array.from({ length: 11 }, (_, i) => event({ ...walker, timestamp: at(base, i % 2) })),
    );
    await ingest(t, b.tenantId, [event({ timestamp: at(base, 0) }), event({ timestamp: at(base, 1) })]);
    // Three events per instant, instants a microsecond apart: ties, and differences a JS Date cannot hold.
    await crowdIntoOneMillisecond(t.db, 'events', 'ts', 'id', 'tenant_id = $2', new Date(base).toISOString().replace('Z', '100Z'), [a.tenantId]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('walks every event once in both orders, through ties and microseconds', async () => {
    const stored = (await t.db.sql<{ event_id: string }>(`SELECT event_id FROM events WHERE tenant_id = $1 ORDER BY ts, id`, [a.tenantId])).map(
      (row) => row.event_id,
    );
    expect(stored).toHaveLength(11);
    const list = eventsOf('a');
    expect(await expectEveryRowOnce(list, {}, eventId)).toEqual([...stored].reverse());
    expect(await expectEveryRowOnce(list, { order: 'asc' }, eventId)).toEqual(stored);
    expect(await expectEveryRowOnce(list, { userId: 'walker', order: 'asc' }, eventId)).toEqual(stored);
    for (const [path, field] of [
      ['/v1/users/walker', 'recentEvents'],
      ['/v1/fingerprints/fp_walk', 'events'],
      ['/v1/domainprints/dp_walk', 'events'],
    ]) {
      expect([path, await expectEveryRowOnce(detailEvents(path, field), {}, eventId)]).toEqual([path, [...stored].reverse()]);
    }
  });

  it('walks the events of every tenant once across tenants', async () => {
    const stored = (await t.db.sql<{ event_id: string }>(`SELECT event_id FROM events ORDER BY ts DESC, id DESC`)).map((row) => row.event_id);
    expect(await expectEveryRowOnce(eventsOf('superadmin'), { allTenants: 'true' }, eventId)).toEqual(stored);
  });

  it('refuses cursors it did not issue for this list, order and tenant, and bad limits', async () => {
    const list = eventsOf('a');
    const acrossTenants = await firstCursor(eventsOf('superadmin'), { allTenants: 'true' });
    await expectCursorContract(
      list,
      {},
      ['timestamp', 'bigint'],
      [
        { label: 'the other order', cursor: await firstCursor(list, { order: 'asc' }) },
        { label: "another tenant's events", cursor: await firstCursor(eventsOf('b')) },
        { label: 'the read across tenants', cursor: acrossTenants },
        { label: 'the members list', cursor: await firstCursor((query) => t.http.get('/v1/members').query(query).set(a.as('viewer'))) },
      ],
    );
    await expectCursorContract(
      eventsOf('superadmin'),
      { allTenants: 'true' },
      ['timestamp', 'bigint'],
      [{ label: "one tenant's events", cursor: await firstCursor(list) }],
    );
    await expectCursorContract(
      detailEvents('/v1/users/walker', 'recentEvents'),
      {},
      ['timestamp', 'bigint'],
      [{ label: "another tenant's events", cursor: await firstCursor(eventsOf('b')) }],
    );
  });
});
