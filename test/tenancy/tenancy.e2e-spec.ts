import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fieldProblems } from '../support/errors.js';
import { adminKeyHeaders, createTenantSession, type TenantSession } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('tenant, membership and role gates', () => {
  let t: TestApp;
  let acme: TenantSession;
  let superadmin: string;

  beforeAll(async () => {
    t = await startTestApp();
    acme = await createTenantSession(t, 'acme');
    // A second tenant for the gates to keep out.
    await createTenantSession(t, 'globex');
    superadmin = await t.issuer.sign('user_superadmin');
  });
  afterAll(async () => {
    await t.close();
  });

  it('requires X-Organization-Id on tenant routes', async () => {
    const res = await t.http.get('/v1/members').set('Authorization', acme.as('viewer').Authorization);
    expect([res.status, res.body.code, res.body.message]).toEqual([400, 'tenant_header_required', 'X-Organization-Id header required']);
  });

  it('accepts the X-Tenant-Id alias and rejects two different tenant headers', async () => {
    await t.http
      .get('/v1/tenant')
      .set({ Authorization: acme.as('viewer').Authorization, 'X-Tenant-Id': 'acme' })
      .expect(200);
    const res = await t.http.get('/v1/tenant').set({ ...acme.as('viewer'), 'X-Tenant-Id': 'globex' });
    expect([res.status, res.body.code]).toEqual([400, 'tenant_header_conflict']);
  });

  it('rejects a malformed tenant id with 400', async () => {
    const res = await t.http.get('/v1/tenant').set({ ...acme.as('viewer'), 'X-Organization-Id': 'bad id!' });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/X-Organization-Id/);
  });

  it('gives a member of another tenant 403, and an unknown tenant the same 403', async () => {
    const foreign = await t.http.get('/v1/tenant').set({ ...acme.as('owner'), 'X-Organization-Id': 'globex' });
    expect([foreign.status, foreign.body.code, foreign.body.message]).toEqual([403, 'membership_required', 'No membership on this tenant']);
    const unknown = await t.http.get('/v1/tenant').set({ ...acme.as('owner'), 'X-Organization-Id': 'nope' });
    expect([unknown.status, unknown.body.code, unknown.body.message]).toEqual([403, 'membership_required', 'No membership on this tenant']);
  });

  it('tells superadmins and the admin key that a tenant does not exist', async () => {
    const bySuperadmin = await t.http.get('/v1/tenant').set({ Authorization: `Bearer ${superadmin}`, 'X-Organization-Id': 'nope' });
    expect([bySuperadmin.status, bySuperadmin.body.message]).toEqual([404, 'Tenant not found']);
    await t.http.get('/v1/tenant').set(adminKeyHeaders('nope')).expect(404);
  });

  it('lets superadmins and the admin key act as owners of any tenant', async () => {
    await t.http
      .get('/v1/members')
      .set({ Authorization: `Bearer ${superadmin}`, 'X-Organization-Id': 'globex' })
      .expect(200);
    await t.http.patch('/v1/tenant').set(adminKeyHeaders('globex')).send({ name: 'Globex Corp' }).expect(200);
  });

  it('rejects a wrong admin key without falling back to another credential', async () => {
    const res = await t.http.get('/v1/tenant').set({ ...acme.as('owner'), 'X-Admin-API-Key': 'x'.repeat(40) });
    expect([res.status, res.body.message]).toEqual([401, 'Invalid admin key']);
  });

  it('enforces the minimum role of each route', async () => {
    const res = await t.http.patch('/v1/tenant').set(acme.as('editor')).send({ name: 'x' });
    expect([res.status, res.body.code, res.body.message]).toEqual([403, 'role_required', 'Requires role admin']);
    await t.http.get('/v1/audit').set(acme.as('viewer')).expect(403);
    await t.http.get('/v1/audit').set(acme.as('admin')).expect(200);
  });

  describe('platform tenants', () => {
    it('creates tenants only for superadmins and the admin key', async () => {
      const denied = await t.http.post('/v1/platform/tenants').set('Authorization', acme.as('owner').Authorization).send({ name: 'x', ownerUserId: 'u' });
      expect([denied.status, denied.body.message]).toEqual([403, 'Requires superadmin']);
      const created = await t.http
        .post('/v1/platform/tenants')
        .set('Authorization', `Bearer ${superadmin}`)
        .send({ name: 'Initech', ownerUserId: 'user_initech', allowedOrigins: ['https://initech.example'] });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ id: expect.stringMatching(/^org_/), name: 'Initech', allowedOrigins: ['https://initech.example'] });
    });

    it('answers 409 for a duplicate id and 400 naming bad fields', async () => {
      const duplicate = await t.http.post('/v1/platform/tenants').set(adminKeyHeaders()).send({ id: 'acme', name: 'Again', ownerUserId: 'u' });
      expect(duplicate.status).toBe(409);
      const bad = await t.http
        .post('/v1/platform/tenants')
        .set(adminKeyHeaders())
        .send({ id: 'bad id', name: '', ownerUserId: 'u', allowedOrigins: ['https://ok.example/path'], extra: 1 });
      const paths = fieldProblems(bad).map((problem) => problem.path);
      expect([...new Set(paths)].sort()).toEqual(['allowedOrigins', 'extra', 'id', 'name']);
    });

    it('treats tenant ids that differ only in case as one id, also when created at the same time', async () => {
      const create = (id: string) => t.http.post('/v1/platform/tenants').set(adminKeyHeaders()).send({ id, name: id, ownerUserId: 'user_founder' });
      for (const id of ['ACME', 'Acme', 'aCmE']) {
        const res = await create(id);
        expect([id, res.status, res.body.code]).toEqual([id, 409, 'tenant_exists']);
      }
      const variants = ['Vandelay', 'vandelay', 'VANDELAY', 'vanDelay', 'VanDelay', 'vandelaY', 'VANdelay', 'vAnDeLaY'];
      const answers = await Promise.all(variants.map(async (id) => `${(await create(id)).status}`));
      expect(answers.sort()).toEqual(['201', ...Array<string>(variants.length - 1).fill('409')]);
    });

    it('lists the caller’s tenants with its role; superadmins see all', async () => {
      const mine = await t.http.get('/v1/platform/tenants').set('Authorization', acme.as('editor').Authorization).expect(200);
      expect(mine.body.data).toEqual([{ id: 'acme', name: 'Tenant acme', role: 'editor' }]);
      const all = await t.http.get('/v1/platform/tenants').set('Authorization', `Bearer ${superadmin}`).expect(200);
      expect(all.body.data.map((tenant: { id: string }) => tenant.id)).toEqual(expect.arrayContaining(['acme', 'globex']));
    });
  });

  describe('allowedOrigins', () => {
    const notOrigins = {
      wildcard: 'https://*.example.com',
      'trailing-dot host': 'https://shop.example.com.',
      path: 'https://shop.example.com/checkout',
      'user-info part': 'https://user:secret@shop.example.com',
      query: 'https://shop.example.com?ref=ads',
    };

    it.each(Object.entries(notOrigins))('refuses a %s on create and on PATCH, naming the entry', async (_kind, origin) => {
      const allowedOrigins = ['https://ok.example.com', origin];
      const created = await t.http
        .post('/v1/platform/tenants')
        .set(adminKeyHeaders())
        .send({ id: 'origins_test', name: 'Origins', ownerUserId: 'user_o', allowedOrigins });
      const patched = await t.http.patch('/v1/tenant').set(acme.as('admin')).send({ allowedOrigins });
      for (const res of [created, patched]) {
        expect(fieldProblems(res)).toEqual([{ path: 'allowedOrigins', message: expect.stringContaining(`entry 1 ${JSON.stringify(origin)}`) }]);
        expect(res.body.message).toMatch(/^allowedOrigins /);
      }
      await t.http.get('/v1/tenant').set(adminKeyHeaders('origins_test')).expect(404);
    });

    it('keeps the stored origins when a PATCH is refused', async () => {
      await t.http
        .patch('/v1/tenant')
        .set(acme.as('admin'))
        .send({ allowedOrigins: ['https://shop.acme.example'] })
        .expect(200);
      await t.http
        .patch('/v1/tenant')
        .set(acme.as('admin'))
        .send({ allowedOrigins: ['https://*.acme.example'] })
        .expect(400);
      const read = await t.http.get('/v1/tenant').set(acme.as('viewer')).expect(200);
      expect(read.body.allowedOrigins).toEqual(['https://shop.acme.example']);
    });
  });

  describe('tenant settings', () => {
    it('returns the tenant and merges settings on PATCH', async () => {
      await t.http
        .patch('/v1/tenant')
        .set(acme.as('admin'))
        .send({ settings: { retentionDays: 90, signals: { velocity: { maxEvents: 100 } } } })
        .expect(200);
      const res = await t.http
        .patch('/v1/tenant')
        .set(acme.as('admin'))
        .send({ allowedOrigins: ['https://shop.acme.example'], settings: { signals: { impossibleTravel: { maxKmh: 1000 } } } })
        .expect(200);
      expect(res.body).toMatchObject({
        id: 'acme',
        allowedOrigins: ['https://shop.acme.example'],
        settings: { retentionDays: 90, signals: { velocity: { maxEvents: 100 }, impossibleTravel: { maxKmh: 1000 } } },
      });
      const read = await t.http.get('/v1/tenant').set(acme.as('viewer')).expect(200);
      expect(read.body.settings).toEqual(res.body.settings);
    });

    it('rejects bad settings naming the field', async () => {
      const res = await t.http
        .patch('/v1/tenant')
        .set(acme.as('admin'))
        .send({ settings: { retentionDays: 0, signals: { velocity: { maxEvents: 'many' } } } });
      expect(fieldProblems(res)).toEqual(
        expect.arrayContaining([
          { path: 'settings.retentionDays', message: expect.stringMatching(/^settings\.retentionDays /) },
          { path: 'settings.signals.velocity.maxEvents', message: expect.stringMatching(/^settings\.signals\.velocity\.maxEvents /) },
        ]),
      );
    });
  });
});

describe('membership rules', () => {
  let t: TestApp;
  let s: TenantSession;
  const members = async () => (await t.http.get('/v1/members').set(s.as('editor')).expect(200)).body.data as Array<{ userId: string; role: string }>;

  beforeAll(async () => {
    t = await startTestApp();
    s = await createTenantSession(t, 'rules');
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists members with role, email and createdAt', async () => {
    const list = await members();
    expect(list).toHaveLength(4);
    expect(list.find((member) => member.userId === s.userIds.admin)).toMatchObject({
      role: 'admin',
      email: 'admin@example.com',
      createdAt: expect.any(String),
    });
  });

  it('PUT is idempotent: 201 created, 200 updated or unchanged', async () => {
    await t.http.put('/v1/members/user_new').set(s.as('admin')).send({ role: 'viewer' }).expect(201);
    await t.http.put('/v1/members/user_new').set(s.as('admin')).send({ role: 'viewer' }).expect(200);
    const updated = await t.http.put('/v1/members/user_new').set(s.as('admin')).send({ role: 'editor' }).expect(200);
    expect(updated.body).toMatchObject({ userId: 'user_new', role: 'editor' });
  });

  it('lets only owners grant or take away owner', async () => {
    const grant = await t.http.put('/v1/members/user_new').set(s.as('admin')).send({ role: 'owner' });
    expect(grant.status).toBe(403);
    const demote = await t.http.put(`/v1/members/${s.userIds.owner}`).set(s.as('admin')).send({ role: 'viewer' });
    expect(demote.status).toBe(403);
    const removeOwner = await t.http.delete(`/v1/members/${s.userIds.owner}`).set(s.as('admin'));
    expect(removeOwner.status).toBe(403);
  });

  it('refuses self-removal before anything else', async () => {
    const res = await t.http.delete(`/v1/members/${s.userIds.owner}`).set(s.as('owner'));
    expect([res.status, res.body.message]).toEqual([403, 'Cannot remove yourself']);
  });

  it('refuses to demote the last owner', async () => {
    const res = await t.http.put(`/v1/members/${s.userIds.owner}`).set(s.as('owner')).send({ role: 'admin' });
    expect([res.status, res.body.code, res.body.message]).toEqual([409, 'last_owner', 'Cannot remove the last owner']);
  });

  it('takes membership changes into account on the very next request', async () => {
    await t.http.delete(`/v1/members/${s.userIds.viewer}`).set(s.as('admin')).expect(204);
    const res = await t.http.get('/v1/members').set(s.as('viewer'));
    expect([res.status, res.body.message]).toEqual([403, 'No membership on this tenant']);
    await t.http.delete(`/v1/members/${s.userIds.viewer}`).set(s.as('admin')).expect(404);
  });

  it('never leaves a tenant without an owner when two owners demote each other at once', async () => {
    const second = 'user_second_owner';
    await t.http.put(`/v1/members/${second}`).set(s.as('owner')).send({ role: 'owner' }).expect(201);
    const secondHeaders = { Authorization: `Bearer ${await t.issuer.sign(second)}`, 'X-Organization-Id': s.tenantId };
    const results = await Promise.all([
      t.http.put(`/v1/members/${second}`).set(s.as('owner')).send({ role: 'admin' }),
      t.http.put(`/v1/members/${s.userIds.owner}`).set(secondHeaders).send({ role: 'admin' }),
    ]);
    // Whoever is demoted first is no longer an owner when its own demotion of the other is decided.
    expect(results.map((res) => `${res.status} ${res.body.message ?? ''}`).sort()).toEqual(['200 ', '403 Only an owner can grant or remove the owner role']);
    const owners = (await members()).filter((member) => member.role === 'owner');
    expect(owners).toHaveLength(1);
  });

  it('validates the body and the user id', async () => {
    const badRole = await t.http.put('/v1/members/user_x').set(s.as('admin')).send({ role: 'god' });
    expect(fieldProblems(badRole)).toEqual([{ path: 'role', message: expect.stringMatching(/^role /) }]);
    const badId = await t.http
      .put(`/v1/members/${encodeURIComponent('has space')}`)
      .set(s.as('admin'))
      .send({ role: 'viewer' });
    expect(fieldProblems(badId)).toEqual([{ path: 'userId', message: 'userId must be 1-256 printable characters without spaces' }]);
  });
});
