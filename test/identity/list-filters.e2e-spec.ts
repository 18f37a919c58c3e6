import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectCursorContract, expectEveryRowOnce, firstCursor, type GetPage } from '../support/cursors.js';
import { at, event, ingest, recentBase, type TestEvent } from '../support/events.js';
import { createTenantSession, type TenantSession } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Query = Record<string, string>;

describe('users and fingerprints lists: filters and sorts', () => {
  let t: TestApp;
  let a: TenantSession;
  const base = recentBase();
  const shop = 'shop.example.com';
  const blog = 'blog.example.com';
  const visits = (userId: string, fingerprint: string, minutes: number[], domain = shop): TestEvent[] =>
    minutes.map((minute) => event({ userId, fingerprint, domain, timestamp: at(base, minute) }));

  const users: GetPage<{ userId: string }> = (query) => t.http.get('/v1/users').query(query).set(a.as('viewer'));
  const fingerprints: GetPage<{ fingerprint: string }> = (query) => t.http.get('/v1/fingerprints').query(query).set(a.as('viewer'));
  /** The user ids of the whole list (checked page by page at sizes 1, 2 and 3 against the one-page answer). */
  const userIds = (query: Query) => expectEveryRowOnce(users, query, (user) => user.userId);
  const fingerprintIds = (query: Query) => expectEveryRowOnce(fingerprints, query, (print) => print.fingerprint);
  const reversed = (ids: string[]) => [...ids].reverse();

  beforeAll(async () => {
    t = await startTestApp();
    a = await createTenantSession(t, 'flt_a');
    await ingest(t, a.tenantId, [
      ...visits('alice', 'fp_alice', [0, 1, 2, 3, 4]),
      ...visits('bob', 'fp_bob', [10, 11, 12], blog),
      ...visits('carol', 'fp_carol', [20]),
      ...visits('carol', 'fp_carol', [21], blog),
      // dave and erin share a device (device_shared, risk 25).
      ...visits('dave', 'fp_shared', [29, 30]),
      ...visits('erin', 'fp_shared', [31]),
      // frank: 61 events within a minute (velocity, risk 15).
      ...Array.from({ length: 61 }, (_, i) =>
        event({ userId: 'frank', fingerprint: 'fp_frank', domain: shop, timestamp: new Date(base + 40 * 60_000 + i * 400).toISOString() }),
      ),
      ...visits('gus', 'fp_gus', [-10 * 24 * 60]),
    ]);
    // Another tenant's users never show up.
    const b = await createTenantSession(t, 'flt_b');
    await ingest(t, b.tenantId, visits('bob', 'fp_bob', [10], blog));
    for (const [userId, change] of [
      ['bob', { status: 'blocked', labels: ['vip', 'fraud-review'] }],
      ['carol', { status: 'trusted', labels: ['vip'] }],
      ['dave', { labels: ['fraud-review'] }],
    ] as const) {
      const res = await t.http.patch(`/v1/users/${userId}`).set(a.as('editor')).send(change);
      expect([userId, res.status]).toEqual([userId, 200]);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  describe('GET /v1/users', () => {
    it('sorts by last seen, risk score and event count, both orders, ties by user id', async () => {
      const byLastSeen = ['frank', 'erin', 'dave', 'carol', 'bob', 'alice', 'gus'];
      expect(await userIds({})).toEqual(byLastSeen);
      expect(await userIds({ sort: 'lastSeen', order: 'asc' })).toEqual(reversed(byLastSeen));
      const byRisk = ['erin', 'dave', 'frank', 'gus', 'carol', 'bob', 'alice'];
      expect(await userIds({ sort: 'riskScore' })).toEqual(byRisk);
      expect(await userIds({ sort: 'riskScore', order: 'asc' })).toEqual(reversed(byRisk));
      const byEvents = ['frank', 'alice', 'bob', 'dave', 'carol', 'gus', 'erin'];
      expect(await userIds({ sort: 'eventCount' })).toEqual(byEvents);
      expect(await userIds({ sort: 'eventCount', order: 'asc' })).toEqual(reversed(byEvents));
    });

    it('filters by status', async () => {
      expect(await userIds({ status: 'blocked' })).toEqual(['bob']);
      expect(await userIds({ status: 'trusted', sort: 'eventCount', order: 'asc' })).toEqual(['carol']);
      expect(await userIds({ status: 'active' })).toEqual(['frank', 'erin', 'dave', 'alice', 'gus']);
      expect(await userIds({ status: 'active', sort: 'riskScore', order: 'asc' })).toEqual(['alice', 'gus', 'frank', 'dave', 'erin']);
    });

    it('filters by label, matching whole labels', async () => {
      expect(await userIds({ label: 'vip' })).toEqual(['carol', 'bob']);
      expect(await userIds({ label: 'fraud-review', sort: 'eventCount' })).toEqual(['bob', 'dave']);
      expect(await userIds({ label: 'fraud-review', sort: 'riskScore' })).toEqual(['dave', 'bob']);
      expect(await userIds({ label: 'vi' })).toEqual([]);
    });

    it('filters by signal, through the users’ risk', async () => {
      expect(await userIds({ signal: 'device_shared' })).toEqual(['erin', 'dave']);
      expect(await userIds({ signal: 'device_shared', sort: 'lastSeen', order: 'asc' })).toEqual(['dave', 'erin']);
      expect(await userIds({ signal: 'device_shared', sort: 'riskScore', order: 'asc' })).toEqual(['dave', 'erin']);
      expect(await userIds({ signal: 'velocity', sort: 'eventCount' })).toEqual(['frank']);
      expect(await userIds({ signal: 'impossible_travel' })).toEqual([]);
      expect(await userIds({ signal: 'device_shared', label: 'fraud-review' })).toEqual(['dave']);
      expect(await userIds({ signal: 'device_shared', riskLevel: 'low' })).toEqual([]);
    });

    it('filters by domain', async () => {
      expect(await userIds({ domain: blog })).toEqual(['carol', 'bob']);
      expect(await userIds({ domain: blog, sort: 'eventCount', order: 'asc' })).toEqual(['carol', 'bob']);
      expect(await userIds({ domain: 'other.example.com' })).toEqual([]);
    });

    it('filters by a last-seen window, from inclusive and to exclusive', async () => {
      expect(await userIds({ from: at(base, 21) })).toEqual(['frank', 'erin', 'dave', 'carol']);
      expect(await userIds({ to: at(base, 21) })).toEqual(['bob', 'alice', 'gus']);
      expect(await userIds({ from: at(base, 12), to: at(base, 31), sort: 'eventCount' })).toEqual(['bob', 'dave', 'carol']);
      expect(await userIds({ from: at(base, 12), to: at(base, 31), sort: 'riskScore' })).toEqual(['dave', 'carol', 'bob']);
    });

    it('combines the filters with the prefix and risk level', async () => {
      expect(await userIds({ q: 'd', label: 'fraud-review' })).toEqual(['dave']);
      expect(await userIds({ riskLevel: 'medium', to: at(base, 31) })).toEqual(['dave']);
      expect(await userIds({ status: 'active', domain: shop, from: at(base, 25), sort: 'eventCount', order: 'asc' })).toEqual(['erin', 'dave', 'frank']);
    });

    it('refuses bad filters with 400 validation_failed', async () => {
      for (const query of [
        { status: 'deleted' },
        { signal: 'nope' },
        { label: 'x'.repeat(65) },
        { domain: 'x'.repeat(254) },
        { from: 'yesterday' },
        { from: at(base, 10), to: at(base, 10) },
        { order: 'up' },
      ] as Query[]) {
        const res = await users(query);
        expect([query, res.status, res.body.code]).toEqual([query, 400, 'validation_failed']);
      }
    });
  });

  describe('GET /v1/fingerprints', () => {
    it('sorts by last seen, user count and event count, both orders, ties by fingerprint', async () => {
      const byLastSeen = ['fp_frank', 'fp_shared', 'fp_carol', 'fp_bob', 'fp_alice', 'fp_gus'];
      expect(await fingerprintIds({})).toEqual(byLastSeen);
      expect(await fingerprintIds({ order: 'asc' })).toEqual(reversed(byLastSeen));
      const byUsers = ['fp_shared', 'fp_gus', 'fp_frank', 'fp_carol', 'fp_bob', 'fp_alice'];
      expect(await fingerprintIds({ sort: 'userCount' })).toEqual(byUsers);
      expect(await fingerprintIds({ sort: 'userCount', order: 'asc' })).toEqual(reversed(byUsers));
      const byEvents = ['fp_frank', 'fp_alice', 'fp_shared', 'fp_bob', 'fp_carol', 'fp_gus'];
      expect(await fingerprintIds({ sort: 'eventCount' })).toEqual(byEvents);
      expect(await fingerprintIds({ sort: 'eventCount', order: 'asc' })).toEqual(reversed(byEvents));
    });

    it('filters collisions, a prefix (wildcards taken literally) and a last-seen window', async () => {
      expect(await fingerprintIds({ collisionsOnly: 'true', sort: 'eventCount' })).toEqual(['fp_shared']);
      expect(await fingerprintIds({ q: 'fp_c' })).toEqual(['fp_carol']);
      expect(await fingerprintIds({ q: 'fp_', sort: 'userCount', order: 'asc' })).toHaveLength(6);
      expect(await fingerprintIds({ q: 'fp%' })).toEqual([]);
      expect(await fingerprintIds({ from: at(base, 21), sort: 'eventCount' })).toEqual(['fp_frank', 'fp_shared', 'fp_carol']);
      expect(await fingerprintIds({ from: at(base, 4), to: at(base, 31), order: 'asc' })).toEqual(['fp_alice', 'fp_bob', 'fp_carol']);
      expect(await fingerprintIds({ collisionsOnly: 'true', to: at(base, 31) })).toEqual([]);
    });

    it('binds cursors to the sort and order, and refuses bad queries', async () => {
      await expectCursorContract(
        fingerprints,
        { sort: 'userCount' },
        ['int', 'text', 'text'],
        [
          { label: 'the last-seen sort', cursor: await firstCursor(fingerprints) },
          { label: 'the event-count sort', cursor: await firstCursor(fingerprints, { sort: 'eventCount' }) },
          { label: 'the other order', cursor: await firstCursor(fingerprints, { sort: 'userCount', order: 'asc' }) },
        ],
      );
      await expectCursorContract(fingerprints, { sort: 'eventCount', order: 'asc' }, ['bigint', 'text', 'text'], []);
      for (const query of [{ sort: 'name' }, { q: 'x'.repeat(257) }, { to: 'soon' }, { collisionsOnly: 'yes' }] as Query[]) {
        const res = await fingerprints(query);
        expect([query, res.status, res.body.code]).toEqual([query, 400, 'validation_failed']);
      }
    });
  });
});
