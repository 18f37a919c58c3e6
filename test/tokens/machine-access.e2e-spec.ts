import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, generateKeyPair, jwtVerify, SignJWT } from 'jose';
import { ServiceSigningKeys } from '../../apps/api/src/tokens/service-jwt/service-signing-keys.js';
import { MachineProbeModule } from '../support/machine-probe.js';
import { createTenantSession, type TenantSession } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createToken, internalHeaders, validateToken } from '../support/tokens.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('machine access', () => {
  let t: TestApp;
  let session: TenantSession;
  let other: TenantSession;
  const key = (token: string, tenantId?: string) => ({ 'X-API-Key': token, ...(tenantId ? { 'X-Organization-Id': tenantId } : {}) });
  const bearer = (jwt: string) => ({ Authorization: `Bearer ${jwt}` });
  const exchange = (apiKey: unknown) => t.http.post('/v1/auth/token').send({ apiKey });

  beforeAll(async () => {
    t = await startTestApp({}, undefined, [MachineProbeModule]);
    session = await createTenantSession(t, 'machines');
    other = await createTenantSession(t, 'machines_other');
  });
  afterAll(async () => {
    await t.close();
  });

  describe('X-API-Key', () => {
    it('authenticates a secret token as itself, on its own tenant only', async () => {
      const created = await createToken(t, session.as('admin'), { scopes: ['events:read'] });
      const res = await t.http.get('/test-probe/events').set(key(created.token)).expect(200);
      expect(res.body).toEqual({
        tenantId: 'machines',
        principal: { kind: 'token', tokenId: created.id, tenantId: 'machines', tokenKind: 'secret', scopes: ['events:read'] },
      });
      await t.http.get('/test-probe/events').set(key(created.token, 'machines')).expect(200);
      const foreign = await t.http.get('/test-probe/events').set(key(created.token, other.tenantId));
      expect([foreign.status, foreign.body.message]).toEqual([403, 'Token is not valid for this tenant']);
    });

    it('enforces scopes: an events-only or a publishable token cannot read analytics', async () => {
      const eventsOnly = await createToken(t, session.as('admin'), { scopes: ['events:write', 'events:read'] });
      const refused = await t.http.get('/test-probe/analytics').set(key(eventsOnly.token));
      expect([refused.status, refused.body.message]).toEqual([403, 'Requires scope analytics:read']);

      const analytics = await createToken(t, session.as('admin'), { scopes: ['analytics:read'] });
      await t.http.get('/test-probe/analytics').set(key(analytics.token)).expect(200);
      const noWrite = await t.http.post('/test-probe/events').set(key(analytics.token));
      expect([noWrite.status, noWrite.body.message]).toEqual([403, 'Requires scope events:write']);

      const publishable = await createToken(t, session.as('admin'), { kind: 'publishable', scopes: ['events:write'] });
      const sdkRead = await t.http.get('/test-probe/analytics').set(key(publishable.token));
      expect([sdkRead.status, sdkRead.body.message]).toEqual([403, 'Publishable keys may only ingest events']);
      const noOrigin = await t.http.post('/test-probe/events').set(key(publishable.token));
      expect([noOrigin.status, noOrigin.body.message]).toEqual([403, 'Origin not allowed']);
      await t.http
        .patch('/v1/tenant')
        .set(session.as('admin'))
        .send({ allowedOrigins: ['https://shop.machines.example'] })
        .expect(200);
      await t.http
        .post('/test-probe/events')
        .set({ ...key(publishable.token), Origin: 'https://shop.machines.example' })
        .expect(201);
    });

    it('is refused on routes that declare no scopes', async () => {
      const created = await createToken(t, session.as('admin'), { scopes: ['events:read', 'events:write', 'analytics:read', 'users:write'] });
      for (const path of ['/v1/members', '/v1/tenant', '/v1/audit', '/v1/platform/tenants']) {
        const res = await t.http.get(path).set(key(created.token));
        expect([path, res.status, res.body.message]).toEqual([path, 403, 'API tokens cannot access this route']);
      }
    });

    it('answers 401 for unknown, revoked and expired keys', async () => {
      for (const garbage of ['', 'sk_short', `sk_${'A'.repeat(43)}`, 'x'.repeat(5000)]) {
        const res = await t.http.get('/test-probe/events').set(key(garbage));
        expect([res.status, res.body.message]).toEqual([401, 'Invalid API key']);
      }
      const revoked = await createToken(t, session.as('admin'));
      await t.http.get('/test-probe/events').set(key(revoked.token)).expect(200);
      await t.http.delete(`/v1/tokens/${revoked.id}`).set(session.as('admin')).expect(204);
      const gone = await t.http.get('/test-probe/events').set(key(revoked.token));
      expect([gone.status, gone.body.message]).toEqual([401, 'API key revoked']);

      const expiring = await createToken(t, session.as('admin'), { expiresAt: new Date(Date.now() + 2_000).toISOString() });
      await t.http.get('/test-probe/events').set(key(expiring.token)).expect(200);
      await sleep(Date.parse(expiring.expiresAt!) - Date.now() + 50);
      const expired = await t.http.get('/test-probe/events').set(key(expiring.token));
      expect([expired.status, expired.body.message]).toEqual([401, 'API key expired']);
    });
  });

  describe('service JWTs (POST /v1/auth/token)', () => {
    it('exchanges a secret key for an ES256 JWT that verifies against the published JWKS', async () => {
      const created = await createToken(t, session.as('admin'), { scopes: ['events:read', 'analytics:read'] });
      const res = await exchange(created.token).expect(200);
      expect(res.body).toEqual({ token: expect.any(String), tokenType: 'Bearer', expiresIn: 3600 });

      const jwks = await t.http.get('/.well-known/jwks.json').expect(200);
      expect(jwks.headers['cache-control']).toMatch(/max-age=\d+/);
      expect(jwks.body.keys[0]).toEqual({
        kty: 'EC',
        crv: 'P-256',
        x: expect.any(String),
        y: expect.any(String),
        kid: expect.any(String),
        alg: 'ES256',
        use: 'sig',
      });
      expect(decodeProtectedHeader(res.body.token)).toMatchObject({ alg: 'ES256', kid: jwks.body.keys[0].kid });
      const { payload } = await jwtVerify(res.body.token, createLocalJWKSet(jwks.body), { issuer: 'admin-api', audience: 'admin-api', algorithms: ['ES256'] });
      expect(payload).toMatchObject({ sub: created.id, tid: 'machines', scope: 'events:read analytics:read', sid: expect.stringMatching(/^[0-9a-f]{32}$/) });
      expect(payload.exp! - payload.iat!).toBe(3600);
    });

    it('works as a bearer on machine routes, on its own tenant, until its API key is revoked', async () => {
      const created = await createToken(t, session.as('admin'), { scopes: ['analytics:read'] });
      const jwt = (await exchange(created.token).expect(200)).body.token as string;
      const res = await t.http.get('/test-probe/analytics').set(bearer(jwt)).expect(200);
      expect(res.body.principal).toMatchObject({ kind: 'token', tokenId: created.id, tenantId: 'machines' });
      const refused = await t.http.get('/test-probe/events').set(bearer(jwt));
      expect([refused.status, refused.body.message]).toEqual([403, 'Requires scope events:read']);
      const foreign = await t.http.get('/test-probe/analytics').set({ ...bearer(jwt), 'X-Organization-Id': other.tenantId });
      expect([foreign.status, foreign.body.message]).toEqual([403, 'Token is not valid for this tenant']);

      await t.http.delete(`/v1/tokens/${created.id}`).set(session.as('admin')).expect(204);
      const revoked = await t.http.get('/test-probe/analytics').set(bearer(jwt));
      expect([revoked.status, revoked.body.message]).toEqual([401, 'API key revoked']);
      expect((await validateToken(t, jwt)).body).toEqual({ valid: false, reason: 'revoked' });
    });

    it('ends with the secret it was minted from when that secret is rotated away', async () => {
      const created = await createToken(t, session.as('admin'), { scopes: ['analytics:read'] });
      const before = (await exchange(created.token).expect(200)).body.token as string;
      const rotated = (await t.http.post(`/v1/tokens/${created.id}/rotate`).set(session.as('admin')).send({ graceSeconds: 0 }).expect(201)).body;
      const stale = await t.http.get('/test-probe/analytics').set(bearer(before));
      expect([stale.status, stale.body.message]).toEqual([401, 'API key expired']);
      const after = (await exchange(rotated.token).expect(200)).body.token as string;
      await t.http.get('/test-probe/analytics').set(bearer(after)).expect(200);
    });

    it('caps the lifetime at the API key expiry', async () => {
      const created = await createToken(t, session.as('admin'), { expiresAt: new Date(Date.now() + 600_000).toISOString() });
      const { expiresIn } = (await exchange(created.token).expect(200)).body;
      expect(expiresIn).toBeGreaterThan(590);
      expect(expiresIn).toBeLessThanOrEqual(600);
    });

    it('answers 401 Invalid API key for anything but a valid secret key', async () => {
      const publishable = await createToken(t, session.as('admin'), { kind: 'publishable' });
      const revoked = await createToken(t, session.as('admin'));
      await t.http.delete(`/v1/tokens/${revoked.id}`).set(session.as('admin')).expect(204);
      for (const apiKey of [publishable.token, revoked.token, `sk_${'B'.repeat(43)}`, 'nonsense']) {
        const res = await exchange(apiKey);
        expect([res.status, res.body.message]).toEqual([401, 'Invalid API key']);
      }
      await exchange(42).expect(400);
      await t.http.post('/v1/auth/token').send({}).expect(400);
    });

    it('rejects forged, foreign, expired and wrong-audience service JWTs', async () => {
      const created = await createToken(t, session.as('admin'), { scopes: ['analytics:read'] });
      const jwt = (await exchange(created.token).expect(200)).body.token as string;
      const call = (token: string) => t.http.get('/test-probe/analytics').set(bearer(token));
      const expect401 = async (token: string, message: string) => {
        const res = await call(token);
        expect([res.status, res.body.message]).toEqual([401, message]);
      };
      const [header, payload] = jwt.split('.');
      const otherSignature = (await exchange(created.token)).body.token.split('.')[2];
      await expect401(`${header}.${payload}.${otherSignature}`, 'Invalid signature');

      const sign = (claims: Record<string, unknown>, kid: string, privateKey: Parameters<SignJWT['sign']>[0], exp = Math.floor(Date.now() / 1000) + 600) =>
        new SignJWT({ tid: 'machines', sid: decodeJwt(jwt).sid, scope: 'analytics:read', iss: 'admin-api', aud: 'admin-api', ...claims })
          .setProtectedHeader({ alg: 'ES256', kid })
          .setSubject(created.id)
          .setExpirationTime(exp)
          .sign(privateKey);
      const attacker = await generateKeyPair('ES256');
      const ownKid = decodeProtectedHeader(jwt).kid!;
      await expect401(await sign({}, 'attacker-key', attacker.privateKey), 'Unknown signing key');
      await expect401(await sign({}, ownKid, attacker.privateKey), 'Invalid signature');

      const ours = t.app.get(ServiceSigningKeys).privateKey;
      await call(await sign({}, ownKid, ours)).expect(200);
      await expect401(await sign({}, ownKid, ours, Math.floor(Date.now() / 1000) - 120), 'Token expired');
      await expect401(await sign({ aud: 'someone-else' }, ownKid, ours), 'Audience mismatch');
      await expect401(await sign({ tid: other.tenantId }, ownKid, ours), 'Invalid API key');
      await expect401(await sign({ sid: 'f'.repeat(32) }, ownKid, ours), 'Invalid API key');
      await expect401(await sign({ sid: undefined }, ownKid, ours), 'Malformed token');
      const none = `${Buffer.from(JSON.stringify({ alg: 'none', kid: ownKid })).toString('base64url')}.${payload}.`;
      await expect401(none, 'Algorithm not allowed');
    });
  });

  describe('POST /internal/validate', () => {
    it('answers 200 with the token for a valid key, and for a service JWT', async () => {
      const expiresAt = new Date(Date.now() + 3_600_000 * 24).toISOString();
      const created = await createToken(t, session.as('admin'), { scopes: ['events:write', 'analytics:read'], expiresAt });
      const res = await validateToken(t, created.token).expect(200);
      expect(res.body).toEqual({
        valid: true,
        tenantId: 'machines',
        tokenId: created.id,
        kind: 'secret',
        scopes: ['events:write', 'analytics:read'],
        expiresAt,
      });
      const fresh = await validateToken(t, created.token, { 'Cache-Control': 'no-cache' }).expect(200);
      expect(fresh.body).toEqual(res.body);

      const publishable = await createToken(t, session.as('admin'), { kind: 'publishable' });
      expect((await validateToken(t, publishable.token).expect(200)).body).toMatchObject({ valid: true, kind: 'publishable', expiresAt: null });

      const jwt = (await exchange(created.token).expect(200)).body.token as string;
      const viaJwt = (await validateToken(t, jwt).expect(200)).body;
      expect(viaJwt).toMatchObject({ valid: true, tokenId: created.id, tenantId: 'machines' });
      expect(Date.parse(viaJwt.expiresAt)).toBeLessThanOrEqual(Date.now() + 3_600_000);
    });

    it('answers 401 {valid:false, reason} for unknown, revoked and expired tokens', async () => {
      expect((await validateToken(t, `sk_${'C'.repeat(43)}`).expect(401)).body).toEqual({ valid: false, reason: 'unknown' });
      expect((await validateToken(t, 'garbage').expect(401)).body).toEqual({ valid: false, reason: 'unknown' });
      const revoked = await createToken(t, session.as('admin'));
      await t.http.delete(`/v1/tokens/${revoked.id}`).set(session.as('admin')).expect(204);
      expect((await validateToken(t, revoked.token).expect(401)).body).toEqual({ valid: false, reason: 'revoked' });
      const expiring = await createToken(t, session.as('admin'), { expiresAt: new Date(Date.now() + 2_000).toISOString() });
      await validateToken(t, expiring.token).expect(200);
      await sleep(Date.parse(expiring.expiresAt!) - Date.now() + 50);
      expect((await validateToken(t, expiring.token).expect(401)).body).toEqual({ valid: false, reason: 'expired' });
    });

    it('evicts a cached token promptly when its row changes in the database by any means', async () => {
      const created = await createToken(t, session.as('admin'));
      await validateToken(t, created.token).expect(200);
      await t.db.sql(`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`, [created.id]);
      const deadline = Date.now() + 2_000;
      let reason: string | undefined;
      while (reason === undefined && Date.now() < deadline) {
        const res = await validateToken(t, created.token);
        if (res.status === 401) reason = res.body.reason;
      }
      expect(reason).toBe('expired');
    });

    it('answers 403 for a wrong or missing X-Internal-Secret, 400 for a bad body', async () => {
      const created = await createToken(t, session.as('admin'));
      const wrong = await t.http.post('/internal/validate').set('X-Internal-Secret', 'not-the-secret').send({ token: created.token });
      expect([wrong.status, wrong.body.message]).toEqual([403, 'Invalid internal secret']);
      await t.http.post('/internal/validate').send({ token: created.token }).expect(403);
      await t.http.post('/internal/validate').set('X-API-Key', created.token).send({ token: created.token }).expect(403);
      const bad = async (body: unknown) =>
        (
          await t.http
            .post('/internal/validate')
            .set(internalHeaders())
            .send(body as object)
            .expect(400)
        ).body.errors.map((problem: { message: string }) => problem.message);
      expect(await bad({ token: 123 })).toEqual(['token must be a string']);
      expect(await bad({})).toEqual(['token must be a string']);
      expect(await bad({ token: '' })).toEqual(['token should not be empty']);
      expect(await bad({ token: 'x'.repeat(4097) })).toEqual(['token must be shorter than or equal to 4096 characters']);
      expect(await bad({ token: created.token, tenantId: 'other' })).toEqual(['tenantId should not exist']);
      expect(await bad([created.token])).toEqual(['token must be a string']);
    });

    it('is in the internal tag of the OpenAPI document', async () => {
      const doc = (await t.http.get('/docs-json').expect(200)).body;
      expect(doc.paths['/internal/validate'].post.tags).toEqual(['internal']);
      expect(doc.paths['/internal/validate'].post.security).toEqual([{ 'internal-secret': [] }]);
      expect(doc.paths['/internal/validate'].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ValidateTokenDto' });
      expect(doc.components.schemas.ValidateTokenDto.required).toEqual(['token']);
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining(['/v1/tokens', '/v1/tokens/{id}', '/v1/tokens/{id}/rotate', '/v1/auth/token', '/.well-known/jwks.json']),
      );
    });
  });
});

describe('POST /internal/validate without INTERNAL_API_SECRET', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ INTERNAL_API_SECRET: '' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('fails closed with 503', async () => {
    const res = await t.http.post('/internal/validate').set('X-Internal-Secret', 'anything-at-all').send({ token: 'sk_x' });
    expect([res.status, res.body.message]).toEqual([503, 'Token validation is not configured (INTERNAL_API_SECRET is unset)']);
  });
});
