import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { allPages, at, event, ingest, recentBase } from '../support/events.js';
import { createTenantSession, type TenantSession } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface ListedEvent {
  id: string;
  tenantId?: string;
  timestamp: string;
  userId: string | null;
  fingerprint: string;
  domain: string;
}

/** Newest first by timestamp, ties by id (numeric), both descending. */
function expectNewestFirst(items: ListedEvent[]): void {
  for (let i = 1; i < items.length; i += 1) {
    const [a, b] = [items[i - 1], items[i]];
    const ordered = a.timestamp > b.timestamp || (a.timestamp === b.timestamp && BigInt(a.id) > BigInt(b.id));
    expect(ordered).toBe(true);
  }
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
      expect(new Set(items.map((item) => item.id)).size).toBe(129);
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
