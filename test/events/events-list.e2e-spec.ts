import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { allPages, at, event, ingest, recentBase } from '../support/events.js';
import { createTenantSession, type TenantSession } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface ListedEvent {
  id: string;
  eventId: string;
  tenantId?: string;
  timestamp: string;
  userId: string | null;
  fingerprint: string;
  domain: string;
}

/** Newest first by timestamp (the order of ties is the server's, and stable across pages). */
function expectNewestFirst(items: ListedEvent[]): void {
  for (let i = 1; i < items.length; i += 1) expect(items[i - 1].timestamp >= items[i].timestamp).toBe(true);
}

describe('GET /v1/events', () => {
  let t: TestApp;
  let a: TenantSession;
  let b: TenantSession;
  const base = recentBase();

  beforeAll(async () => {
    t = await startTestApp();
    a = await createTenantSession(t, 'list_a');
    b = await createTenantSession(t, 'list_b');
    // 120 events in tenant A, three per timestamp so ties are broken by id.
    await ingest(
      t,
      'list_a',
      Array.from({ length: 120 }, (_, i) =>
        event({
          userId: `u${i % 4}`,
          fingerprint: `fp${i % 3}`,
          domainprint: i % 2 === 0 ? 'dp_even' : undefined,
          domain: i % 5 === 0 ? 'blog.example.com' : 'shop.example.com',
          timestamp: at(base, Math.floor(i / 3)),
        }),
      ),
    );
    await ingest(
      t,
      'list_b',
      Array.from({ length: 9 }, (_, i) => event({ userId: 'b_user', timestamp: at(base, i * 7 + 1) })),
    );
    await ingest(t, 'list_a', [event({ userId: 'old', timestamp: at(base, -60 * 24 * 40) })]);
  });
  afterAll(async () => {
    await t.close();
  });

  const list = (session: TenantSession, query: Record<string, string | number> = {}) => t.http.get('/v1/events').query(query).set(session.as('viewer'));

  it('pages through every event of the window exactly once, newest first', async () => {
    const pages = await allPages<ListedEvent>((cursor) => list(a, { limit: 50, ...(cursor ? { cursor } : {}) }));
    expect(pages.map((page) => page.length)).toEqual([50, 50, 20]);
    const items = pages.flat();
    expect(new Set(items.map((item) => item.id)).size).toBe(120);
    expectNewestFirst(items);
    expect(items.every((item) => item.tenantId === undefined)).toBe(true);
  });

  it('shows each event by its own id, never by the serial all tenants share, wherever events appear', async () => {
    const serials = new Set((await t.db.sql<{ id: string }>(`SELECT id::text FROM events`)).map((row) => row.id));
    const listed = (await list(a, { userId: 'u1', limit: 5 }).expect(200)).body.data as ListedEvent[];
    const user = (await t.http.get('/v1/users/u1').query({ limit: 5 }).set(a.as('viewer')).expect(200)).body.recentEvents.data as ListedEvent[];
    const fingerprint = (await t.http.get('/v1/fingerprints/fp1').query({ limit: 5 }).set(a.as('viewer')).expect(200)).body.events.data as ListedEvent[];
    const domainprint = (await t.http.get('/v1/domainprints/dp_even').query({ limit: 5 }).set(a.as('viewer')).expect(200)).body.events.data as ListedEvent[];
    for (const items of [listed, user, fingerprint, domainprint]) {
      expect(items).toHaveLength(5);
      for (const item of items) expect([item.id, serials.has(item.id)]).toEqual([item.eventId, false]);
    }
  });

  it('filters by user, fingerprint, domainprint and domain', async () => {
    const byUser = (await list(a, { userId: 'u1', limit: 500 }).expect(200)).body.data as ListedEvent[];
    expect(byUser).toHaveLength(30);
    expect(byUser.every((item) => item.userId === 'u1')).toBe(true);
    expectNewestFirst(byUser);
    expect((await list(a, { fingerprint: 'fp2', limit: 500 })).body.data).toHaveLength(40);
    expect((await list(a, { domainprint: 'dp_even', limit: 500 })).body.data).toHaveLength(60);
    expect((await list(a, { domain: 'blog.example.com', limit: 500 })).body.data).toHaveLength(24);
    expect((await list(a, { userId: 'nobody' })).body).toEqual({ data: [], nextCursor: null, hasMore: false });
  });

  it('pages a filtered list completely', async () => {
    const pages = await allPages<ListedEvent>((cursor) => list(a, { fingerprint: 'fp0', limit: 7, ...(cursor ? { cursor } : {}) }));
    const items = pages.flat();
    expect(items).toHaveLength(40);
    expect(new Set(items.map((item) => item.id)).size).toBe(40);
    expectNewestFirst(items);
  });

  it('applies the window: from inclusive, to exclusive, default the last 30 days', async () => {
    expect((await list(a, { userId: 'old' })).body.data).toHaveLength(0);
    const from = at(base, -60 * 24 * 41);
    expect((await list(a, { userId: 'old', from })).body.data).toHaveLength(1);
    const exact = (await list(a, { from: at(base, 10), to: at(base, 12), limit: 500 })).body.data as ListedEvent[];
    expect(exact.map((item) => item.timestamp).sort()).toEqual([...Array(3).fill(at(base, 10)), ...Array(3).fill(at(base, 11))]);
  });

  it('reads from/to as instants with any offset, a date alone as 00:00 UTC', async () => {
    const exact = async (query: Record<string, string>) =>
      ((await list(a, { ...query, limit: 500 }).expect(200)).body.data as ListedEvent[]).map((item) => item.timestamp).sort();
    const expected = [...Array(3).fill(at(base, 10)), ...Array(3).fill(at(base, 11))];
    const shifted = (minutes: number, offset: number, zone: string) => `${new Date(base + (minutes + offset) * 60_000).toISOString().slice(0, 19)}${zone}`;
    expect(await exact({ from: shifted(10, 23 * 60 + 59, '+23:59'), to: shifted(12, -16 * 60, '-16:00') })).toEqual(expected);
    const day = new Date(base).toISOString().slice(0, 10);
    const nextDay = new Date(Date.parse(day) + 86_400_000).toISOString().slice(0, 10);
    const wholeDay = await exact({ from: day, to: nextDay });
    expect(wholeDay.length).toBeGreaterThan(0);
    expect(wholeDay.every((timestamp) => timestamp.startsWith(day))).toBe(true);
  });

  it('refuses windows without a zone or outside the years 0001..9999, naming the field', async () => {
    for (const [name, value] of [
      ['from', '2025-01-01T00:00:00'],
      ['from', '0000-01-01'],
      ['to', '0000-12-31T23:59:59Z'],
      ['to', '+275760-09-13T00:00:00Z'],
      ['to', '294277-01-01T00:00:00Z'],
      ['to', '9999-12-31T23:00:00-05:00'],
      ['from', '2025-01-01T24:00:00Z'],
      ['from', '2025-01-01T00:00:00+24:00'],
    ]) {
      const res = await list(a, { [name]: value });
      const message = expect.stringMatching(new RegExp(`^${name} must be an ISO-8601 time`));
      expect([value, res.status, res.body.code, res.body.message, res.body.errors]).toEqual([
        value,
        400,
        'validation_failed',
        message,
        [{ path: name, message }],
      ]);
    }
  });

  it('rejects bad limits, cursors and windows', async () => {
    const bad: Array<Record<string, string | number>> = [
      { limit: 0 },
      { limit: 501 },
      { limit: 'x' },
      { cursor: 'garbage' },
      { cursor: Buffer.from('["x",1]').toString('base64url') },
    ];
    for (const query of bad) {
      const res = await list(a, query);
      expect([res.status, query]).toEqual([400, query]);
    }
    await list(a, { from: at(base, 5), to: at(base, 5) }).expect(400);
    await list(a, { from: 'yesterday' }).expect(400);
    await list(a, { unknown: 1 }).expect(400);
  });

  it('shows a tenant only its own events', async () => {
    const items = (await list(b, { limit: 500 })).body.data as ListedEvent[];
    expect(items).toHaveLength(9);
    expect(items.every((item) => item.userId === 'b_user')).toBe(true);
    const foreign = await t.http.get('/v1/events').set({ ...b.as('viewer'), 'X-Organization-Id': 'list_a' });
    expect(foreign.status).toBe(403);
  });

  describe('superadmin across tenants', () => {
    const asSuperadmin = async () => ({ Authorization: `Bearer ${await t.issuer.sign('user_superadmin')}` });

    it('needs allTenants=true without a tenant header', async () => {
      const res = await t.http.get('/v1/events').set(await asSuperadmin());
      expect([res.status, res.body.message]).toEqual([400, 'X-Organization-Id header required']);
    });

    it('pages every tenant’s events, each naming its tenant, newest first, and audits the read', async () => {
      const headers = await asSuperadmin();
      const auditBefore = (await t.db.sql(`SELECT count(*)::int AS n FROM audit_log WHERE tenant_id IS NULL AND operation = 'cross_tenant.read'`))[0].n;
      const pages = await allPages<ListedEvent>((cursor) =>
        t.http
          .get('/v1/events')
          .query({ allTenants: 'true', limit: 13, ...(cursor ? { cursor } : {}) })
          .set(headers),
      );
      const items = pages.flat();
      expect(items).toHaveLength(129);
      expect(new Set(items.map((item) => `${item.tenantId}/${item.id}`)).size).toBe(129);
      expect(items.filter((item) => item.tenantId === 'list_b')).toHaveLength(9);
      expect(items.filter((item) => item.tenantId === 'list_a')).toHaveLength(120);
      expectNewestFirst(items);
      const auditAfter = (await t.db.sql(`SELECT count(*)::int AS n FROM audit_log WHERE tenant_id IS NULL AND operation = 'cross_tenant.read'`))[0].n;
      expect(auditAfter - auditBefore).toBe(pages.length);
    });

    it('refuses allTenants to members', async () => {
      const res = await t.http
        .get('/v1/events')
        .query({ allTenants: 'true' })
        .set({ Authorization: a.as('owner').Authorization });
      expect(res.status).toBe(400);
    });
  });
});
