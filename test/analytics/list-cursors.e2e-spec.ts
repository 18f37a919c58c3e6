import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { crowdIntoOneMillisecond, expectCursorContract, expectEveryRowOnce, firstCursor, type GetPage } from '../support/cursors.js';
import { createTenantSession, type TenantSession } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { at, type CraftedEvent, daysAgo, ingestAll } from './support.js';

/** Viewers of tenants A and B, or the superadmin (reading across tenants with allTenants=true). */
type Caller = 'a' | 'b' | 'superadmin';
type Cluster = { users: string[]; size: number };

/** `count` users each seen on three devices within an hour: each gets an account_sharing incident. */
const sharers = (prefix: string, count: number, T: number): CraftedEvent[] =>
  Array.from({ length: count }, (_, i) =>
    [0, 1, 2].map((n) => ({ userId: `${prefix}${i}`, fingerprint: `fp_${prefix}${i}_${n}`, timestamp: at(T, n * 20) })),
  ).flat();

/** `count` clusters of two users sharing a device, and one of three. */
const clusters = (prefix: string, count: number, T: number): CraftedEvent[] => [
  ...Array.from({ length: count }, (_, i) =>
    ['a', 'b'].map((side) => ({ userId: `${prefix}${i}${side}`, fingerprint: `fp_${prefix}${i}`, timestamp: at(T, i) })),
  ).flat(),
  ...['x', 'y', 'z'].map((side) => ({ userId: `${prefix}_${side}`, fingerprint: `fp_${prefix}_trio`, timestamp: at(T, 30) })),
];

describe('analytics lists page with cursors', () => {
  let t: TestApp;
  let a: TenantSession;
  let b: TenantSession;
  let superadmin: Record<string, string>;
  const T = daysAgo(3);
  const listAs =
    <Item>(path: string, caller: Caller): GetPage<Item> =>
    (query) =>
      t.http
        .get(path)
        .query(query)
        .set(caller === 'superadmin' ? superadmin : (caller === 'a' ? a : b).as('viewer'));
  const sharing = (caller: Caller = 'a') => listAs<{ userId: string }>('/v1/account-sharing', caller);
  const clusterList = (caller: Caller = 'a') => listAs<Cluster>('/v1/identity-graph', caller);
  const clusterKey = (cluster: Cluster) => cluster.users.join('+');

  beforeAll(async () => {
    t = await startTestApp();
    a = await createTenantSession(t, 'an_pages_a');
    b = await createTenantSession(t, 'an_pages_b');
    superadmin = { Authorization: `Bearer ${await t.issuer.sign('user_superadmin')}` };
    await ingestAll(t, a.tenantId, [...sharers('sharer_', 8, T), ...clusters('pair_', 7, T)]);
    await ingestAll(t, b.tenantId, [...sharers('b_sharer_', 2, T), ...clusters('b_pair_', 1, T)]);
    // Three users per instant, instants a microsecond apart: ties, and differences a JS Date cannot hold.
    const base = new Date(T).toISOString().replace('Z', '100Z');
    await crowdIntoOneMillisecond(t.db, 'incidents', 'last_seen_at', 'subject_id', `tenant_id = $2 AND signal = 'account_sharing'`, base, [a.tenantId]);
    // The list walks the users' latest occurrences as the risk rows keep them: the same instants there.
    await crowdIntoOneMillisecond(t.db, 'user_risk', 'account_sharing_last', 'user_id', 'tenant_id = $2 AND account_sharing_last IS NOT NULL', base, [
      a.tenantId,
    ]);
  });
  afterAll(async () => {
    await t.close();
  });

  describe('GET /v1/account-sharing', () => {
    it('walks every flagged user once, through ties and microseconds', async () => {
      const stored = await t.db.sql<{ user_id: string }>(
        `SELECT subject_id AS user_id FROM incidents WHERE tenant_id = $1 AND signal = 'account_sharing' GROUP BY subject_id ORDER BY max(last_seen_at) DESC, subject_id`,
        [a.tenantId],
      );
      expect(stored).toHaveLength(8);
      expect(await expectEveryRowOnce(sharing(), {}, (user) => user.userId)).toEqual(stored.map((row) => row.user_id));
      expect(await expectEveryRowOnce(sharing('superadmin'), { allTenants: 'true' }, (user) => user.userId)).toHaveLength(10);
    });

    it('refuses cursors it did not issue for this list and tenant, and bad limits', async () => {
      await expectCursorContract(
        sharing(),
        {},
        ['timestamp', 'text', 'text'],
        [
          { label: "another tenant's list", cursor: await firstCursor(sharing('b')) },
          {
            label: 'the read across tenants',
            cursor: await firstCursor(sharing('superadmin'), { allTenants: 'true' }),
          },
          { label: 'the fingerprints list', cursor: await firstCursor((query) => t.http.get('/v1/fingerprints').query(query).set(a.as('viewer'))) },
        ],
      );
    });
  });

  describe('GET /v1/identity-graph (clusters)', () => {
    it('walks every cluster once, largest first, through clusters of equal size', async () => {
      const keys = await expectEveryRowOnce(clusterList(), {}, clusterKey);
      expect(keys).toHaveLength(8);
      expect(keys[0]).toBe('pair__x+pair__y+pair__z');
      expect(await expectEveryRowOnce(clusterList('superadmin'), { allTenants: 'true' }, clusterKey)).toHaveLength(10);
    });

    it('refuses cursors it did not issue for this list and tenant, and bad limits', async () => {
      await expectCursorContract(
        clusterList(),
        {},
        ['int', 'text', 'text'],
        [
          { label: "another tenant's clusters", cursor: await firstCursor(clusterList('b')) },
          {
            label: 'the read across tenants',
            cursor: await firstCursor(clusterList('superadmin'), { allTenants: 'true' }),
          },
          {
            label: 'the users list by risk',
            cursor: await firstCursor((query) =>
              t.http
                .get('/v1/users')
                .query({ ...query, sort: 'riskScore' })
                .set(a.as('viewer')),
            ),
          },
        ],
      );
    });
  });
});
