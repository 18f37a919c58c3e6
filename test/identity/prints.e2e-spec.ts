import { beforeAll, describe, expect, it } from '@jest/globals';
import { allPages, at, event, ingest, recentBase } from '../support/events.js';
import { createTenantSession, type TenantSession } from '../support/session.js';
import { useTenantApp } from '../support/tenant-app.js';

interface Listed {
  tenantId?: string;
  lastSeen: string;
  fingerprint?: string;
  domainprint?: string;
}

describe('fingerprints and domainprints', () => {
  const tenant = 'idn_prints';
  const app = useTenantApp(tenant);
  let other: TenantSession;
  const base = recentBase();
  const get = (path: string, query: Record<string, string | number> = {}, session = app.session) => app.t.http.get(path).query(query).set(session.as('viewer'));

  beforeAll(async () => {
    await ingest(app.t, tenant, [
      event({ userId: 'alice', fingerprint: 'fp_shared', domainprint: 'dp_alice', domain: 'shop.example.com', timestamp: at(base, 0) }),
      event({ userId: 'bob', fingerprint: 'fp_shared', domainprint: 'dp_bob', domain: 'blog.example.com', timestamp: at(base, 5) }),
      event({ userId: 'alice', fingerprint: 'fp_alice', domainprint: 'dp_alice', domain: 'blog.example.com', timestamp: at(base, 10) }),
      event({ fingerprint: 'fp_anon', domainprint: 'dp_anon', domain: 'shop.example.com', timestamp: at(base, 15) }),
      ...Array.from({ length: 25 }, (_, i) =>
        event({ userId: `user_${i}`, fingerprint: `fp_many_${i}`, domainprint: `dp_many_${i}`, timestamp: at(base, 20 + i) }),
      ),
    ]);
    other = await createTenantSession(app.t, 'idn_prints_other');
    await ingest(app.t, 'idn_prints_other', [event({ userId: 'carol', fingerprint: 'fp_other_only', domainprint: 'dp_other_only' })]);
  });

  describe('fingerprints', () => {
    it('lists rollups with the collision flag, most recently seen first', async () => {
      const items = (await allPages<Listed>((cursor) => get('/v1/fingerprints', { limit: 4, ...(cursor ? { cursor } : {}) }))).flat();
      expect(items).toHaveLength(28);
      expect(new Set(items.map((item) => item.fingerprint)).size).toBe(28);
      expect(items.map((item) => item.lastSeen)).toEqual([...items.map((item) => item.lastSeen)].sort().reverse());
      expect(items.find((item) => item.fingerprint === 'fp_shared')).toEqual({
        fingerprint: 'fp_shared',
        userCount: 2,
        eventCount: 2,
        domains: ['blog.example.com', 'shop.example.com'],
        firstSeen: at(base, 0),
        lastSeen: at(base, 5),
        collision: true,
      });
      expect(items.find((item) => item.fingerprint === 'fp_anon')).toMatchObject({ userCount: 0, collision: false });
    });

    it('filters collisions only', async () => {
      const res = await get('/v1/fingerprints', { collisionsOnly: 'true' }).expect(200);
      expect(res.body.data.map((item: Listed) => item.fingerprint)).toEqual(['fp_shared']);
      await get('/v1/fingerprints', { collisionsOnly: 'yes' }).expect(400);
    });

    it('shows one fingerprint with its users and events', async () => {
      const res = await get('/v1/fingerprints/fp_shared', { limit: 1 }).expect(200);
      expect(res.body).toMatchObject({ fingerprint: 'fp_shared', userCount: 2, collision: true });
      expect(res.body.users.map((user: { userId: string }) => user.userId)).toEqual(['bob', 'alice']);
      expect(res.body.users[0]).toEqual({ userId: 'bob', eventCount: 1, firstSeen: at(base, 5), lastSeen: at(base, 5) });
      expect(res.body.events.data).toHaveLength(1);
      const next = await get('/v1/fingerprints/fp_shared', { limit: 1, cursor: res.body.events.nextCursor }).expect(200);
      expect(next.body.events.data[0].userId).toBe('alice');
      expect(next.body.events.nextCursor).toBeNull();
    });

    it('answers 404 for unknown fingerprints and another tenant’s', async () => {
      await get('/v1/fingerprints/fp_nope').expect(404);
      await get('/v1/fingerprints/fp_other_only').expect(404);
      await get('/v1/fingerprints/fp_other_only', {}, other).expect(200);
    });
  });

  describe('domainprints', () => {
    it('lists rollups with the cross-domain flag', async () => {
      const items = (await allPages<Listed>((cursor) => get('/v1/domainprints', { limit: 10, ...(cursor ? { cursor } : {}) }))).flat();
      expect(items).toHaveLength(28);
      expect(items.find((item) => item.domainprint === 'dp_alice')).toEqual({
        domainprint: 'dp_alice',
        userCount: 1,
        fingerprintCount: 2,
        eventCount: 2,
        domains: ['blog.example.com', 'shop.example.com'],
        crossDomain: true,
        firstSeen: at(base, 0),
        lastSeen: at(base, 10),
      });
      expect(items.find((item) => item.domainprint === 'dp_bob')).toMatchObject({ crossDomain: false, userCount: 1, fingerprintCount: 1 });
      const crossOnly = await get('/v1/domainprints', { crossDomainOnly: 'true' }).expect(200);
      expect(crossOnly.body.data.map((item: Listed) => item.domainprint)).toEqual(['dp_alice']);
    });

    it('shows one domainprint with its users, fingerprints, domains and events', async () => {
      const res = await get('/v1/domainprints/dp_alice').expect(200);
      expect(res.body.users.map((user: { userId: string }) => user.userId)).toEqual(['alice']);
      expect(res.body.fingerprints.map((fp: { fingerprint: string }) => fp.fingerprint).sort()).toEqual(['fp_alice', 'fp_shared']);
      expect(res.body.domains).toEqual(['blog.example.com', 'shop.example.com']);
      expect(res.body.events.data).toHaveLength(2);
    });

    it('answers 404 for unknown domainprints and another tenant’s', async () => {
      await get('/v1/domainprints/dp_nope').expect(404);
      await get('/v1/domainprints/dp_other_only').expect(404);
    });
  });

  it('lists across tenants for a superadmin, each item naming its tenant', async () => {
    const headers = { Authorization: `Bearer ${await app.t.issuer.sign('user_superadmin')}` };
    for (const path of ['/v1/fingerprints', '/v1/domainprints']) {
      const pages = await allPages<Listed>((cursor) =>
        app.t.http
          .get(path)
          .query({ allTenants: 'true', limit: 5, ...(cursor ? { cursor } : {}) })
          .set(headers),
      );
      const items = pages.flat();
      expect(items).toHaveLength(29);
      expect(items.filter((item) => item.tenantId === 'idn_prints_other')).toHaveLength(1);
      expect(items.every((item) => item.tenantId === tenant || item.tenantId === 'idn_prints_other')).toBe(true);
    }
  });
});
