import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { PositionKind } from '../../libs/http/src/index.js';
import { crowdIntoOneMillisecond, expectCursorContract, expectEveryRowOnce, firstCursor, type GetPage } from '../support/cursors.js';
import { at, event, ingest, recentBase } from '../support/events.js';
import { createTenantSession, type TenantSession } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Viewers of tenants A and B, or the superadmin (reading across tenants with allTenants=true). */
type Caller = 'a' | 'b' | 'superadmin';
const MICROSECONDS_BASE = '2026-11-20T10:00:00.000100Z';
const SORT_KINDS: Record<string, PositionKind> = { lastSeen: 'timestamp', eventCount: 'bigint', riskScore: 'int' };

describe('identity lists page with cursors', () => {
  let t: TestApp;
  let a: TenantSession;
  let b: TenantSession;
  let superadmin: Record<string, string>;
  const base = recentBase();
  const listAs =
    <T>(path: string, caller: Caller): GetPage<T> =>
    (query) =>
      t.http
        .get(path)
        .query(query)
        .set(caller === 'superadmin' ? superadmin : (caller === 'a' ? a : b).as('viewer'));
  const users = (caller: Caller = 'a') => listAs<{ userId: string }>('/v1/users', caller);
  const fingerprints = (caller: Caller = 'a') => listAs<{ fingerprint: string }>('/v1/fingerprints', caller);
  const domainprints = (caller: Caller = 'a') => listAs<{ domainprint: string }>('/v1/domainprints', caller);
  const storedOrder = async (sql: string) => (await t.db.sql<{ key: string }>(sql, [a.tenantId])).map((row) => row.key);

  beforeAll(async () => {
    t = await startTestApp();
    a = await createTenantSession(t, 'id_pages_a');
    b = await createTenantSession(t, 'id_pages_b');
    superadmin = { Authorization: `Bearer ${await t.issuer.sign('user_superadmin')}` };
    // Eight calm users on devices of their own, 1 to 3 events each (ties in event counts); two users sharing a device (risky).
    const calm = Array.from({ length: 8 }, (_, i) =>
      Array.from({ length: (i % 3) + 1 }, (__, n) => event({ userId: `calm_${i}`, fingerprint: `fp_${i}`, domainprint: `dp_${i}`, timestamp: at(base, n) })),
    ).flat();
    const shared = ['shared_1', 'shared_2'].map((userId) => event({ userId, fingerprint: 'fp_shared', domainprint: 'dp_shared', timestamp: at(base, 5) }));
    await ingest(t, a.tenantId, [...calm, ...shared]);
    await ingest(t, b.tenantId, [event({ userId: 'b_1', fingerprint: 'fp_b1', timestamp: at(base, 0) }), event({ userId: 'b_2', fingerprint: 'fp_b2' })]);
    // Three rows per instant, instants a microsecond apart: ties, and differences a JS Date cannot hold.
    await crowdIntoOneMillisecond(t.db, 'end_users', 'last_seen', 'user_id', 'tenant_id = $2', MICROSECONDS_BASE, [a.tenantId]);
    await crowdIntoOneMillisecond(t.db, 'fingerprint_stats', 'last_seen', 'fingerprint', 'tenant_id = $2', MICROSECONDS_BASE, [a.tenantId]);
    await crowdIntoOneMillisecond(t.db, 'domainprint_stats', 'last_seen', 'domainprint', 'tenant_id = $2', MICROSECONDS_BASE, [a.tenantId]);
  });
  afterAll(async () => {
    await t.close();
  });

  describe('GET /v1/users', () => {
    const userId = (user: { userId: string }) => user.userId;

    it('walks every user once for each sort and order, through ties and microseconds', async () => {
      const byLastSeen = await storedOrder(`SELECT user_id AS key FROM end_users WHERE tenant_id = $1 ORDER BY last_seen DESC, user_id DESC`);
      const byEvents = await storedOrder(`SELECT user_id AS key FROM end_users WHERE tenant_id = $1 ORDER BY event_count DESC, user_id DESC`);
      expect(byLastSeen).toHaveLength(10);
      expect(await expectEveryRowOnce(users(), {}, userId)).toEqual(byLastSeen);
      expect(await expectEveryRowOnce(users(), { sort: 'lastSeen', order: 'asc' }, userId)).toEqual([...byLastSeen].reverse());
      expect(await expectEveryRowOnce(users(), { sort: 'eventCount' }, userId)).toEqual(byEvents);
      expect(await expectEveryRowOnce(users(), { sort: 'eventCount', order: 'asc' }, userId)).toEqual([...byEvents].reverse());
      // By risk: the two users sharing a device, then everyone else by user id; ascending, the other way round.
      const byRisk = await expectEveryRowOnce(users(), { sort: 'riskScore' }, userId);
      expect(byRisk.slice(0, 2)).toEqual(['shared_2', 'shared_1']);
      expect(await expectEveryRowOnce(users(), { sort: 'riskScore', order: 'asc' }, userId)).toEqual([...byRisk].reverse());
    });

    it('walks the users of every tenant once across tenants, in both orders', async () => {
      const acrossTenants = users('superadmin');
      const all = await expectEveryRowOnce(acrossTenants, { allTenants: 'true' }, userId);
      expect(all).toHaveLength(12);
      expect(await expectEveryRowOnce(acrossTenants, { allTenants: 'true', order: 'asc' }, userId)).toEqual([...all].reverse());
    });

    it('refuses cursors it did not issue for this list, sort, order and tenant, and bad limits', async () => {
      for (const sort of Object.keys(SORT_KINDS)) {
        const otherSort = sort === 'lastSeen' ? 'eventCount' : 'lastSeen';
        await expectCursorContract(
          users(),
          { sort },
          [SORT_KINDS[sort], 'text', 'text'],
          [
            { label: 'another sort', cursor: await firstCursor(users(), { sort: otherSort }) },
            { label: 'the other order', cursor: await firstCursor(users(), { sort, order: 'asc' }) },
            {
              label: "another tenant's users",
              cursor: await firstCursor(users('b'), { sort }),
            },
            {
              label: 'the read across tenants',
              cursor: await firstCursor(users('superadmin'), { sort, allTenants: 'true' }),
            },
            { label: 'the fingerprints list', cursor: await firstCursor(fingerprints()) },
          ],
        );
      }
    });
  });

  describe('GET /v1/fingerprints and /v1/domainprints', () => {
    it('walk every print once, through ties and microseconds', async () => {
      const byLastSeen = await storedOrder(`SELECT fingerprint AS key FROM fingerprint_stats WHERE tenant_id = $1 ORDER BY last_seen DESC, fingerprint DESC`);
      expect(byLastSeen).toHaveLength(9);
      expect(await expectEveryRowOnce(fingerprints(), {}, (print) => print.fingerprint)).toEqual(byLastSeen);
      expect(await expectEveryRowOnce(fingerprints(), { order: 'asc' }, (print) => print.fingerprint)).toEqual([...byLastSeen].reverse());
      const domainprintsByLastSeen = await storedOrder(
        `SELECT domainprint AS key FROM domainprint_stats WHERE tenant_id = $1 ORDER BY last_seen DESC, domainprint DESC`,
      );
      expect(await expectEveryRowOnce(domainprints(), {}, (print) => print.domainprint)).toEqual(domainprintsByLastSeen);
      const acrossTenants = fingerprints('superadmin');
      const all = await expectEveryRowOnce(acrossTenants, { allTenants: 'true' }, (print) => print.fingerprint);
      expect(all).toHaveLength(11);
      expect(await expectEveryRowOnce(acrossTenants, { allTenants: 'true', order: 'asc' }, (print) => print.fingerprint)).toEqual([...all].reverse());
    });

    it('refuse cursors they did not issue for this list, order and tenant, and bad limits', async () => {
      await expectCursorContract(
        fingerprints(),
        {},
        ['timestamp', 'text', 'text'],
        [
          { label: 'the other order', cursor: await firstCursor(fingerprints(), { order: 'asc' }) },
          { label: "another tenant's fingerprints", cursor: await firstCursor(fingerprints('b')) },
          {
            label: 'the read across tenants',
            cursor: await firstCursor(fingerprints('superadmin'), { allTenants: 'true' }),
          },
          { label: 'the domainprints list', cursor: await firstCursor(domainprints()) },
        ],
      );
      await expectCursorContract(
        domainprints(),
        {},
        ['timestamp', 'text', 'text'],
        [
          { label: 'the fingerprints list', cursor: await firstCursor(fingerprints()) },
          { label: 'the users list', cursor: await firstCursor(users()) },
        ],
      );
    });
  });
});
