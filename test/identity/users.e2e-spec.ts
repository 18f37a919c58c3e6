import { beforeAll, describe, expect, it } from '@jest/globals';
import { allPages, at, event, ingest, onEquator, recentBase, type TestEvent } from '../support/events.js';
import { adminKeyHeaders, createTenantSession, type TenantSession } from '../support/session.js';
import { useTenantApp } from '../support/tenant-app.js';

interface ListedUser {
  tenantId?: string;
  userId: string;
  eventCount: number;
  riskScore: number;
  riskLevel: string;
  signals: string[];
  lastSeen: string;
}

const base = recentBase();

/** Every signal at once: impossible travel, a shared device, three devices in a day, and a burst. */
function riskyEvents(userId: string, signals: { travel?: boolean; shared?: boolean; devices?: boolean; burst?: boolean }): TestEvent[] {
  const events: TestEvent[] = [];
  if (signals.travel)
    events.push(
      event({ userId, fingerprint: `${userId}_home`, geo: onEquator(0), timestamp: at(base, 0) }),
      event({ userId, fingerprint: `${userId}_home`, geo: onEquator(3000), timestamp: at(base, 30) }),
    );
  if (signals.shared)
    events.push(
      event({ userId, fingerprint: `${userId}_family`, timestamp: at(base, 40) }),
      event({ userId: `${userId}_partner`, fingerprint: `${userId}_family`, timestamp: at(base, 41) }),
    );
  if (signals.devices) for (const n of [1, 2, 3]) events.push(event({ userId, fingerprint: `${userId}_dev${n}`, timestamp: at(base, 50 + n) }));
  if (signals.burst)
    for (let i = 0; i < 61; i += 1)
      events.push(event({ userId, fingerprint: `${userId}_bot`, timestamp: new Date(base + 100 * 60_000 + i * 500).toISOString() }));
  return events;
}

describe('users', () => {
  const tenant = 'idn_users';
  const app = useTenantApp(tenant);
  let other: TenantSession;
  const list = (query: Record<string, string | number> = {}) => app.t.http.get('/v1/users').query(query).set(app.session.as('viewer'));
  const listAll = async (query: Record<string, string | number>) =>
    (await allPages<ListedUser>((cursor) => list({ ...query, ...(cursor ? { cursor } : {}) }))).flat();

  beforeAll(async () => {
    await ingest(app.t, tenant, [
      ...riskyEvents('u_all', { travel: true, shared: true, devices: true, burst: true }),
      ...riskyEvents('u_travel_burst', { travel: true, burst: true }),
      ...riskyEvents('u_shared', { shared: true }),
      ...riskyEvents('u_burst', { burst: true }),
    ]);
    // 40 calm users, one event each, a minute apart; calm_007 comes back three times.
    await ingest(
      app.t,
      tenant,
      Array.from({ length: 40 }, (_, i) =>
        event({
          userId: `calm_${String(i).padStart(3, '0')}`,
          fingerprint: `fp_calm_${i}`,
          domain: i % 2 ? 'a.example.com' : 'b.example.com',
          timestamp: at(base, 200 + i),
        }),
      ),
    );
    await ingest(
      app.t,
      tenant,
      [1, 2, 3].map((n) => event({ userId: 'calm_007', fingerprint: 'fp_calm_7', domain: 'c.example.com', timestamp: at(base, 300 + n) })),
    );
    other = await createTenantSession(app.t, 'idn_other');
    await ingest(app.t, 'idn_other', [
      event({ userId: 'calm_001', fingerprint: 'fp_other', timestamp: at(base, 500) }),
      event({ userId: 'only_other', fingerprint: 'fp_other' }),
    ]);
  });

  it('lists users with their rollups and risk, most recently seen first', async () => {
    const res = await list({ limit: 2 }).expect(200);
    expect(res.body.data[0]).toEqual({
      userId: 'calm_007',
      eventCount: 4,
      fingerprintCount: 1,
      domains: ['a.example.com', 'c.example.com'],
      riskScore: 0,
      riskLevel: 'low',
      signals: [],
      firstSeen: at(base, 207),
      lastSeen: at(base, 303),
      status: 'active',
      labels: [],
    });
    expect(res.body.data[1].userId).toBe('calm_039');
    expect(res.body.nextCursor).toEqual(expect.any(String));
  });

  it('scores each combination of signals', async () => {
    const users = await listAll({ sort: 'riskScore', limit: 500 });
    const byId = new Map(users.map((user) => [user.userId, user]));
    expect(byId.get('u_all')).toMatchObject({
      riskScore: 100,
      riskLevel: 'critical',
      signals: ['impossible_travel', 'device_shared', 'account_sharing', 'velocity'],
    });
    expect(byId.get('u_travel_burst')).toMatchObject({ riskScore: 55, riskLevel: 'high', signals: ['impossible_travel', 'velocity'] });
    expect(byId.get('u_shared')).toMatchObject({ riskScore: 25, riskLevel: 'medium', signals: ['device_shared'] });
    expect(byId.get('u_burst')).toMatchObject({ riskScore: 15, riskLevel: 'low', signals: ['velocity'] });
  });

  for (const sort of ['lastSeen', 'eventCount', 'riskScore'] as const) {
    it(`pages completely and in order when sorted by ${sort}`, async () => {
      const users = await listAll({ sort, limit: 4 });
      expect(users).toHaveLength(46);
      expect(new Set(users.map((user) => user.userId)).size).toBe(46);
      const key = (user: ListedUser) => (sort === 'lastSeen' ? user.lastSeen : sort === 'eventCount' ? user.eventCount : user.riskScore);
      for (let i = 1; i < users.length; i += 1) {
        const [a, b] = [users[i - 1], users[i]];
        expect(key(a) > key(b) || (key(a) === key(b) && a.userId > b.userId)).toBe(true);
      }
    });
  }

  it('filters by risk level', async () => {
    const ids = async (riskLevel: string, sort = 'lastSeen') => (await listAll({ riskLevel, sort, limit: 3 })).map((user) => user.userId).sort();
    expect(await ids('critical')).toEqual(['u_all']);
    expect(await ids('high')).toEqual(['u_travel_burst']);
    expect(await ids('medium')).toEqual(['u_all_partner', 'u_shared', 'u_shared_partner']);
    const low = await ids('low');
    expect(low).toHaveLength(41);
    expect(low).toContain('u_burst');
    expect(await ids('low', 'riskScore')).toEqual(low);
    expect(await ids('medium', 'riskScore')).toEqual(['u_all_partner', 'u_shared', 'u_shared_partner']);
  });

  it('filters by user id prefix, taking wildcards literally', async () => {
    const users = await listAll({ q: 'calm_01', limit: 500 });
    expect(users.map((user) => user.userId).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `calm_01${i}`));
    expect((await list({ q: 'calm%' })).body.data).toEqual([]);
    expect((await list({ q: 'u_' })).body.data.map((user: ListedUser) => user.userId).sort()).toEqual([
      'u_all',
      'u_all_partner',
      'u_burst',
      'u_shared',
      'u_shared_partner',
      'u_travel_burst',
    ]);
  });

  it('rejects bad queries', async () => {
    for (const query of [{ sort: 'name' }, { riskLevel: 'extreme' }, { limit: 501 }, { cursor: 'x' }, { q: 'a\u0000' }] as Array<
      Record<string, string | number>
    >) {
      const res = await list(query);
      expect([res.status, query]).toEqual([400, query]);
    }
    const lastSeenCursor = (await list({ limit: 1 })).body.nextCursor;
    await list({ sort: 'eventCount', cursor: lastSeenCursor }).expect(400);
  });

  describe('GET /v1/users/:userId', () => {
    it('adds metadata, stats, fingerprints, domainprints, incidents and recent events', async () => {
      const res = await app.t.http.get('/v1/users/u_all').query({ limit: 5 }).set(app.session.as('viewer')).expect(200);
      const user = res.body;
      expect(user).toMatchObject({ userId: 'u_all', riskScore: 100, riskLevel: 'critical', metadata: {}, status: 'active' });
      expect(user.stats).toEqual({
        eventCount: 67,
        eventsByType: { page_view: 67, login: 0, signup: 0, purchase: 0, custom: 0 },
        fingerprintCount: 6,
        domainprintCount: 0,
        domainCount: 1,
        firstSeen: at(base, 0),
        lastSeen: new Date(base + 100 * 60_000 + 60 * 500).toISOString(),
      });
      expect(user.fingerprints.map((fp: { fingerprint: string }) => fp.fingerprint).sort()).toEqual([
        'u_all_bot',
        'u_all_dev1',
        'u_all_dev2',
        'u_all_dev3',
        'u_all_family',
        'u_all_home',
      ]);
      expect(user.fingerprints.find((fp: { fingerprint: string }) => fp.fingerprint === 'u_all_family')).toMatchObject({ userCount: 2, eventCount: 1 });
      expect(new Set(user.incidents.map((incident: { signal: string }) => incident.signal))).toEqual(
        new Set(['impossible_travel', 'device_shared', 'account_sharing', 'velocity']),
      );
      expect(user.recentEvents.data).toHaveLength(5);
      expect(user.recentEvents.nextCursor).toEqual(expect.any(String));
      const pages = await allPages((cursor) =>
        app.t.http
          .get('/v1/users/u_all')
          .query({ limit: 30, ...(cursor ? { cursor } : {}) })
          .set(app.session.as('viewer'))
          .then((r) => ({ status: r.status, body: r.body.recentEvents })),
      );
      expect(pages.flat()).toHaveLength(67);
    });

    it('answers 404 for unknown users and for another tenant’s', async () => {
      const unknown = await app.t.http.get('/v1/users/nobody').set(app.session.as('viewer'));
      expect([unknown.status, unknown.body.message]).toEqual([404, 'User nobody not found']);
      await app.t.http.get('/v1/users/only_other').set(app.session.as('viewer')).expect(404);
      const same = await app.t.http.get('/v1/users/calm_001').set(other.as('viewer')).expect(200);
      expect([same.body.eventCount, same.body.lastSeen]).toEqual([1, at(base, 500)]);
    });

    it('takes ids with any characters', async () => {
      await ingest(app.t, tenant, [event({ userId: 'mail+tag@example.com/x y', fingerprint: 'fp_odd' })]);
      await app.t.http
        .get(`/v1/users/${encodeURIComponent('mail+tag@example.com/x y')}`)
        .set(app.session.as('viewer'))
        .expect(200);
      await app.t.http
        .get(`/v1/users/${'x'.repeat(257)}`)
        .set(app.session.as('viewer'))
        .expect(400);
    });
  });

  describe('PATCH /v1/users/:userId', () => {
    const patch = (userId: string, body: object, role: 'editor' | 'viewer' | 'admin' = 'editor') =>
      app.t.http.patch(`/v1/users/${userId}`).set(app.session.as(role)).send(body);

    it('sets status and labels and deep-merges metadata, answering like GET', async () => {
      await patch('calm_010', { metadata: { plan: { tier: 'pro', seats: 5 }, region: 'eu', tags: ['a'] } }).expect(200);
      const res = await patch('calm_010', {
        status: 'trusted',
        labels: ['vip', 'beta', 'vip'],
        metadata: { plan: { seats: null, trial: false }, region: null, tags: ['b'] },
      }).expect(200);
      expect(res.body).toMatchObject({
        userId: 'calm_010',
        status: 'trusted',
        labels: ['vip', 'beta'],
        metadata: { plan: { tier: 'pro', trial: false }, tags: ['b'] },
      });
      const get = await app.t.http.get('/v1/users/calm_010').set(app.session.as('viewer')).expect(200);
      expect(res.body).toEqual(get.body);
      const listed = (await list({ q: 'calm_010' })).body.data[0];
      expect([listed.status, listed.labels]).toEqual(['trusted', ['vip', 'beta']]);
    });

    it('is audited on the tenant chain', async () => {
      await patch('calm_011', { status: 'blocked' }).expect(200);
      const [row] = await app.t.db.sql(
        `SELECT actor_id, outcome, details FROM audit_log WHERE tenant_id = $1 AND operation = 'user.update' AND entity_id = 'calm_011'`,
        [tenant],
      );
      expect(row).toMatchObject({ actor_id: app.session.userIds.editor, outcome: 'ok', details: { changes: { status: 'blocked' } } });
      const verify = await app.t.http.get('/v1/audit/verify').set(app.session.as('admin')).expect(200);
      expect(verify.body).toEqual({ valid: true, rows: expect.any(Number) });
    });

    it('needs editor, and records the denial', async () => {
      const res = await patch('calm_012', { status: 'blocked' }, 'viewer');
      expect([res.status, res.body.message]).toEqual([403, 'Requires role editor']);
      const rows = await app.t.db.sql(`SELECT outcome FROM audit_log WHERE tenant_id = $1 AND operation = 'user.update' AND entity_id = 'calm_012'`, [tenant]);
      expect(rows).toEqual([{ outcome: 'denied' }]);
    });

    it('rejects prototype keys, oversized metadata and bad fields', async () => {
      const raw = (body: string) =>
        app.t.http
          .patch('/v1/users/calm_013')
          .set({ ...app.session.as('editor'), 'Content-Type': 'application/json' })
          .send(body);
      for (const body of ['{"metadata":{"__proto__":{"admin":true}}}', '{"metadata":{"a":{"constructor":{"x":1}}}}', '{"metadata":{"prototype":1}}']) {
        const res = await raw(body);
        expect([res.status, [res.body.message].flat()[0]]).toEqual([
          400,
          expect.stringMatching(/^metadata\..*(__proto__|constructor|prototype): .* are not allowed$/),
        ]);
      }
      await patch('calm_013', { metadata: { blob: 'x'.repeat(16 * 1024) } }).expect(400);
      await patch('calm_013', { metadata: { part: 'x'.repeat(9000) } }).expect(200);
      const merged = await patch('calm_013', { metadata: { more: 'y'.repeat(9000) } });
      expect([merged.status, merged.body.message]).toEqual([400, expect.stringMatching(/16 KB/)]);
      await patch('calm_013', { labels: Array.from({ length: 21 }, (_, i) => `l${i}`) }).expect(400);
      await patch('calm_013', { labels: ['x'.repeat(65)] }).expect(400);
      await patch('calm_013', { status: 'deleted' }).expect(400);
      await patch('calm_013', { metadata: [1] }).expect(400);
      await patch('calm_013', { name: 'x' }).expect(400);
      await patch('calm_013', { metadata: { bad: 'a\u0000' } }).expect(400);
    });

    it('answers 404 for unknown users and another tenant’s', async () => {
      await patch('nobody', { status: 'blocked' }).expect(404);
      await patch('only_other', { status: 'blocked' }).expect(404);
      const res = await app.t.http.get('/v1/users/only_other').set(other.as('viewer')).expect(200);
      expect(res.body.status).toBe('active');
    });
  });

  describe('superadmin across tenants', () => {
    it('pages every tenant’s users, each naming its tenant, in every sort', async () => {
      const headers = { Authorization: `Bearer ${await app.t.issuer.sign('user_superadmin')}` };
      for (const sort of ['lastSeen', 'riskScore', 'eventCount']) {
        const pages = await allPages<ListedUser>((cursor) =>
          app.t.http
            .get('/v1/users')
            .query({ allTenants: 'true', sort, limit: 6, ...(cursor ? { cursor } : {}) })
            .set(headers),
        );
        const users = pages.flat();
        const tenantsOf = (userId: string) =>
          users
            .filter((user) => user.userId === userId)
            .map((user) => user.tenantId)
            .sort();
        expect(users.length).toBeGreaterThanOrEqual(48);
        expect(new Set(users.map((user) => `${user.tenantId}/${user.userId}`)).size).toBe(users.length);
        expect(tenantsOf('calm_001')).toEqual(['idn_other', 'idn_users']);
        expect(tenantsOf('only_other')).toEqual(['idn_other']);
      }
    });

    it('still reads one tenant with the header', async () => {
      const res = await app.t.http.get('/v1/users').query({ q: 'only' }).set(adminKeyHeaders('idn_other')).expect(200);
      expect(res.body.data.map((user: ListedUser) => [user.userId, user.tenantId])).toEqual([['only_other', undefined]]);
    });
  });
});
