import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort } from '../support/free-port.js';
import { problemMessages } from '../support/errors.js';
import { createTenantSession, type TenantSession } from '../support/session.js';
import { startProductionTestApp, startTestApp, type TestApp } from '../support/test-app.js';
import { TEST_AUDIENCE, TEST_ISSUER, TestIssuer } from '../support/test-issuer.js';

const ISSUER_A = 'https://tenant-a.idp.test/';
const ISSUER_B = 'https://tenant-b.idp.test/';
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const bearer = (token: string, tenantId?: string): Record<string, string> => ({
  Authorization: `Bearer ${token}`,
  ...(tenantId ? { 'X-Organization-Id': tenantId } : {}),
});
const answer = (res: { status: number; body: { code?: string } }) => [res.status, res.body.code];

/** A server that answers every request with `body` (not a usable JWKS, in these tests). */
async function serve(body: string): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => res.end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`, server };
}

describe('tenant identity providers and role strategies', () => {
  let t: TestApp;
  let a: TenantSession;
  let b: TenantSession;
  let idpA: TestIssuer;
  let idpB: TestIssuer;
  const fetchCounts = () => [t.issuer.jwksFetches, idpA.jwksFetches, idpB.jwksFetches];
  const putIdp = (session: TenantSession, body: Record<string, unknown>, role: 'owner' | 'admin' = 'owner') =>
    t.http.put('/v1/tenant/idp').set(session.as(role)).send(body);
  const signA = (sub: string, claims: Record<string, unknown> = {}, kid?: string) => idpA.sign(sub, { claims, kid, aud: 'tenant-a-api' });

  beforeAll(async () => {
    t = await startTestApp();
    [idpA, idpB] = await Promise.all([TestIssuer.start(ISSUER_A), TestIssuer.start(ISSUER_B)]);
    a = await createTenantSession(t, 'idp_a');
    b = await createTenantSession(t, 'idp_b');
  });
  afterAll(async () => {
    await Promise.all([idpA.close(), idpB.close()]);
    await t.close();
  });

  it('lets owners register an IdP, after one fetch of its JWKS; admins read it; others neither', async () => {
    const body = { issuer: ISSUER_A, jwksUrl: idpA.jwksUrl, audience: 'tenant-a-api', algorithms: ['RS256', 'ES256'] };
    expect(answer(await putIdp(a, body, 'admin'))).toEqual([403, 'role_required']);
    expect(idpA.jwksFetches).toBe(0);
    const saved = await putIdp(a, body);
    expect([saved.status, saved.body]).toEqual([200, { ...body, authorizedParties: [], createdAt: expect.any(String), updatedAt: expect.any(String) }]);
    expect(idpA.jwksFetches).toBe(1);
    expect((await t.http.get('/v1/tenant/idp').set(a.as('admin'))).body).toEqual(saved.body);
    expect(answer(await t.http.get('/v1/tenant/idp').set(a.as('editor')))).toEqual([403, 'role_required']);
    expect(answer(await t.http.get('/v1/tenant/idp').set(b.as('owner')))).toEqual([404, 'not_found']);
    const [row] = await t.db.sql(
      `SELECT actor_type, actor_id, details FROM audit_log WHERE tenant_id = 'idp_a' AND operation = 'tenant.idp.put' AND outcome = 'ok'`,
    );
    expect(row).toMatchObject({
      actor_type: 'member',
      actor_id: a.userIds.owner,
      details: expect.objectContaining({ issuer: ISSUER_A, previousIssuer: null }),
    });
  });

  it("refuses an issuer bound to another tenant or the platform's own", async () => {
    expect(answer(await putIdp(b, { issuer: ISSUER_A, jwksUrl: idpB.jwksUrl }))).toEqual([409, 'issuer_taken']);
    expect(answer(await putIdp(b, { issuer: TEST_ISSUER, jwksUrl: idpB.jwksUrl }))).toEqual([409, 'issuer_taken']);
    expect(answer(await putIdp(b, { issuer: ISSUER_B, jwksUrl: 'http://[::1/jwks.json' }))).toEqual([400, 'url_not_allowed']);
    expect(answer(await putIdp(b, { issuer: ISSUER_B, jwksUrl: 'http://idp.invalid/jwks.json' }))).toEqual([400, 'url_not_allowed']);
    expect(answer(await t.http.get('/v1/tenant/idp').set(b.as('owner')))).toEqual([404, 'not_found']);
  });

  it('refuses a JWKS URL that does not answer with a usable JWKS, naming why', async () => {
    const closed = `http://127.0.0.1:${await freePort()}/jwks.json`;
    const empty = await serve('{"keys":[]}');
    const html = await serve('<html>hello</html>');
    const privateOnly = await serve(JSON.stringify({ keys: [{ kty: 'oct', k: 'c2VjcmV0', kid: 'hmac' }] }));
    try {
      const reasons: unknown[] = [];
      for (const jwksUrl of [closed, empty.url, html.url, privateOnly.url]) {
        const res = await putIdp(b, { issuer: ISSUER_B, jwksUrl });
        reasons.push([res.status, res.body.code, res.body.message]);
      }
      expect(reasons).toEqual([
        [400, 'jwks_unreachable', 'The JWKS at jwksUrl could not be reached (ECONNREFUSED)'],
        [400, 'jwks_unreachable', expect.stringContaining('holds no usable signing key')],
        [400, 'jwks_unreachable', 'The JWKS at jwksUrl answered something that is not JSON'],
        [400, 'jwks_unreachable', expect.stringContaining('holds no usable signing key')],
      ]);
    } finally {
      for (const { server } of [empty, html, privateOnly]) server.close();
    }
  });

  it("binds a tenant IdP's tokens to that tenant: no header means it, another tenant is refused, a superadmin sub is no superadmin", async () => {
    expect((await putIdp(b, { issuer: ISSUER_B, jwksUrl: idpB.jwksUrl })).status).toBe(200);
    const token = await idpB.sign('b_sso_user');
    expect(answer(await t.http.get('/v1/tenant').set(bearer(token)))).toEqual([403, 'membership_required']);
    await t.http.put('/v1/members/b_sso_user').set(b.as('owner')).send({ role: 'viewer' }).expect(201);
    const own = await t.http.get('/v1/tenant').set(bearer(token));
    expect([own.status, own.body.id]).toEqual([200, 'idp_b']);
    await t.http.get('/v1/tenant').set(bearer(token, 'idp_b')).expect(200);
    expect(answer(await t.http.get('/v1/tenant').set(bearer(token, 'idp_a')))).toEqual([403, 'issuer_not_valid_for_tenant']);

    // The same `sub` is an owner of idp_a through the platform IdP; idp_b's IdP minting it gains nothing there.
    await t.http.put('/v1/members/b_sso_user').set(a.as('owner')).send({ role: 'owner' }).expect(201);
    expect(answer(await t.http.put('/v1/members/x').set(bearer(token, 'idp_a')).send({ role: 'viewer' }))).toEqual([403, 'issuer_not_valid_for_tenant']);
    const listed = await t.http.get('/v1/platform/tenants').set(bearer(token));
    expect(listed.body.data.map((tenant: { id: string }) => tenant.id)).toEqual(['idp_b']);
    await t.http.delete('/v1/members/b_sso_user').set(a.as('owner')).expect(204);

    const root = await idpB.sign('user_superadmin');
    expect(answer(await t.http.get('/v1/tenant').set(bearer(root, 'idp_a')))).toEqual([403, 'issuer_not_valid_for_tenant']);
    expect(answer(await t.http.get('/v1/tenant').set(bearer(root)))).toEqual([403, 'membership_required']);
    expect(answer(await t.http.get('/v1/platform/tenants').set(bearer(root)))).toEqual([200, undefined]);
    expect((await t.http.get('/v1/platform/tenants').set(bearer(root))).body.data).toEqual([]);
  });

  it('refuses a token from an unknown issuer without fetching anything, and checks the audience a tenant set', async () => {
    const stranger = await TestIssuer.start('https://stranger.idp.test/');
    try {
      const before = fetchCounts();
      const res = await t.http.get('/v1/tenant').set(bearer(await stranger.sign('someone'), 'idp_a'));
      expect([res.status, res.body.code]).toEqual([401, 'unknown_issuer']);
      expect(answer(await t.http.get('/v1/tenant').set(bearer(await stranger.sign('someone', { iss: 'https://tenant-a.idp.test' }))))).toEqual([
        401,
        'unknown_issuer',
      ]);
      expect([stranger.jwksFetches, ...fetchCounts()]).toEqual([0, ...before]);
    } finally {
      await stranger.close();
    }
    const wrongAudience = await idpA.sign(a.userIds.viewer, { aud: TEST_AUDIENCE });
    expect((await t.http.get('/v1/tenant').set(bearer(wrongAudience))).body.message).toBe('Audience mismatch');
  });

  describe('claim role strategy', () => {
    it('takes roles from Clerk v2 claims (o.id, o.rol) of the tenant IdP, never stored, audited with the sub', async () => {
      const strategy = { strategy: 'claim', roleClaim: 'o.rol', orgClaim: 'o.id', roleMap: { admin: 'admin', member: 'viewer' } };
      expect(answer(await t.http.put('/v1/tenant/role-strategy').set(a.as('admin')).send(strategy))).toEqual([403, 'role_required']);
      const saved = await t.http.put('/v1/tenant/role-strategy').set(a.as('owner')).send(strategy);
      expect([saved.status, saved.body]).toEqual([200, { ...strategy, updatedAt: expect.any(String) }]);

      const admin = await signA('clerk_admin', { o: { id: 'idp_a', rol: 'admin' } });
      await t.http.get('/v1/tenant/idp').set(bearer(admin)).expect(200);
      await t.http.patch('/v1/tenant').set(bearer(admin)).send({ name: 'Renamed by a claim admin' }).expect(200);
      const [row] = await t.db.sql(`SELECT actor_type, actor_id FROM audit_log WHERE tenant_id = 'idp_a' AND operation = 'tenant.update' AND outcome = 'ok'`);
      expect(row).toEqual({ actor_type: 'member', actor_id: 'clerk_admin' });
      expect(await t.db.sql(`SELECT 1 FROM memberships WHERE user_id = 'clerk_admin'`)).toEqual([]);

      const member = await signA('clerk_member', { o: { id: 'idp_a', rol: 'member' } });
      await t.http.get('/v1/tenant').set(bearer(member)).expect(200);
      expect(answer(await t.http.get('/v1/tenant/idp').set(bearer(member)))).toEqual([403, 'role_required']);
      expect(answer(await t.http.get('/v1/tenant').set(bearer(await signA('guest', { o: { id: 'idp_a', rol: 'guest' } }))))).toEqual([403, 'role_required']);
      expect(answer(await t.http.get('/v1/tenant').set(bearer(await signA('other', { o: { id: 'idp_b', rol: 'admin' } }))))).toEqual([
        403,
        'org_claim_mismatch',
      ]);
      // A denied mutation of a claim member lands on the tenant's chain, with its sub.
      await t.http.put('/v1/tenant/role-strategy').set(bearer(admin)).send({ strategy: 'membership' }).expect(403);
      const [denied] = await t.db.sql(
        `SELECT tenant_id, actor_id FROM audit_log WHERE operation = 'tenant.role_strategy.put' AND outcome = 'denied' AND actor_id = 'clerk_admin'`,
      );
      expect(denied).toEqual({ tenant_id: 'idp_a', actor_id: 'clerk_admin' });
    });

    it('applies to platform tokens too: owners keep their rows, other rows are ignored', async () => {
      await t.http.get('/v1/tenant/idp').set(a.as('owner')).expect(200);
      expect(answer(await t.http.get('/v1/tenant').set(a.as('admin')))).toEqual([403, 'org_claim_mismatch']);
      const claimed = await t.issuer.sign(a.userIds.editor, { claims: { o: { id: 'idp_a', rol: 'admin' } } });
      await t.http.get('/v1/tenant/idp').set(bearer(claimed, 'idp_a')).expect(200);
      // The last owner cannot be demoted under either strategy.
      expect(answer(await t.http.put(`/v1/members/${a.userIds.owner}`).set(a.as('owner')).send({ role: 'admin' }))).toEqual([409, 'last_owner']);
    });

    it('reads Clerk v1 claims (org_id, org_role) from platform tokens', async () => {
      const strategy = { strategy: 'claim', roleClaim: 'org_role', orgClaim: 'org_id', roleMap: { 'org:admin': 'admin', 'org:member': 'viewer' } };
      await t.http.put('/v1/tenant/role-strategy').set(b.as('owner')).send(strategy).expect(200);
      const v1 = await t.issuer.sign('v1_user', { claims: { org_id: 'idp_b', org_role: 'org:admin' } });
      await t.http.get('/v1/tenant/idp').set(bearer(v1, 'idp_b')).expect(200);
      const v1Member = await t.issuer.sign('v1_member', { claims: { org_id: 'idp_b', org_role: 'org:member' } });
      expect(answer(await t.http.get('/v1/tenant/idp').set(bearer(v1Member, 'idp_b')))).toEqual([403, 'role_required']);
      expect(answer(await t.http.get('/v1/tenant/idp').set(bearer(v1, 'idp_a')))).toEqual([403, 'org_claim_mismatch']);
      await t.http.put('/v1/tenant/role-strategy').set(b.as('owner')).send({ strategy: 'membership' }).expect(200);
      expect(answer(await t.http.get('/v1/tenant').set(bearer(v1, 'idp_b')))).toEqual([403, 'membership_required']);
    });

    it('refuses incomplete claim strategies and roles a claim may not grant', async () => {
      const res = await t.http
        .put('/v1/tenant/role-strategy')
        .set(b.as('owner'))
        .send({ strategy: 'claim', roleMap: { boss: 'owner' } });
      expect(problemMessages(res)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^roleClaim /),
          expect.stringMatching(/^orgClaim /),
          'roleMap.boss must be one of admin, editor, viewer (owners come from membership rows only)',
        ]),
      );
    });
  });

  it('picks up a rotated key on a tenant IdP, and a bogus-kid flood neither hammers it nor locks out valid tokens', async () => {
    await idpA.addKey('RS256', 'a-rotated');
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const rotated = await signA('clerk_rotated', { o: { id: 'idp_a', rol: 'member' } }, 'a-rotated');
    await t.http.get('/v1/tenant').set(bearer(rotated)).expect(200);

    const before = fetchCounts();
    const good = await signA('clerk_flood', { o: { id: 'idp_a', rol: 'member' } });
    const [, payload, signature] = good.split('.');
    const bogus = Array.from({ length: 40 }, (_, i) => `${b64({ alg: 'RS256', kid: `bogus-${i}` })}.${payload}.${signature}`);
    const results = await Promise.all([
      ...bogus.map((token) => t.http.get('/v1/tenant').set(bearer(token))),
      ...[good, good].map((token) => t.http.get('/v1/tenant').set(bearer(token))),
    ]);
    expect(results.slice(0, 40).every((res) => res.status === 401 && res.body.message === 'Unknown signing key')).toBe(true);
    expect(results.slice(40).map((res) => res.status)).toEqual([200, 200]);
    const after = fetchCounts();
    expect(after[1] - before[1]).toBeLessThanOrEqual(1);
    expect([after[0], after[2]]).toEqual([before[0], before[2]]);
  });

  it('stops honouring a removed IdP at once, on another instance too', async () => {
    const other = await startTestApp({}, { db: t.db, issuer: t.issuer });
    try {
      const token = await idpB.sign('b_sso_user');
      await other.http.get('/v1/tenant').set(bearer(token)).expect(200);
      await t.http.delete('/v1/tenant/idp').set(b.as('owner')).expect(204);
      expect(answer(await other.http.get('/v1/tenant').set(bearer(token)))).toEqual([401, 'unknown_issuer']);
      await t.http.delete('/v1/tenant/idp').set(b.as('owner')).expect(204);
      expect(answer(await t.http.get('/v1/tenant/idp').set(b.as('owner')))).toEqual([404, 'not_found']);
    } finally {
      await other.close();
    }
  });

  it('answers 503 idp_unavailable when a tenant IdP cannot be reached for keys it has not seen', async () => {
    const gone = await TestIssuer.start('https://gone.idp.test/');
    await putIdp(b, { issuer: 'https://gone.idp.test/', jwksUrl: gone.jwksUrl }).expect(200);
    await t.http.put('/v1/members/gone_user').set(b.as('owner')).send({ role: 'viewer' }).expect(201);
    const token = await gone.sign('gone_user');
    await gone.close();
    const res = await t.http.get('/v1/tenant').set(bearer(token));
    expect([res.status, res.body.code, res.body.message]).toEqual([503, 'idp_unavailable', expect.stringContaining('could not be reached')]);
  });
});

describe('tenant IdP URLs in production', () => {
  let t: TestApp;
  let s: TenantSession;
  beforeAll(async () => {
    t = await startProductionTestApp();
    s = await createTenantSession(t, 'idp_prod');
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses plain http and every internal address class with url_not_allowed, fetching nothing', async () => {
    const urls = [
      t.issuer.jwksUrl,
      'https://127.0.0.1/jwks.json',
      'https://localhost/jwks.json',
      'https://10.0.0.8/jwks.json',
      'https://169.254.169.254/latest/meta-data/',
      'https://100.64.0.1/jwks.json',
      'https://[::1]/jwks.json',
      'https://[fd00::1]/jwks.json',
      'https://[fe80::1]/jwks.json',
      'https://[::ffff:127.0.0.1]/jwks.json',
      'https://224.0.0.1/jwks.json',
      'https://0.0.0.0/jwks.json',
    ];
    const before = t.issuer.jwksFetches;
    const answers: unknown[] = [];
    for (const jwksUrl of urls) answers.push(answer(await t.http.put('/v1/tenant/idp').set(s.as('owner')).send({ issuer: 'https://prod.idp.test/', jwksUrl })));
    expect(answers).toEqual(urls.map(() => [400, 'url_not_allowed']));
    expect(t.issuer.jwksFetches).toBe(before);
  });
});
