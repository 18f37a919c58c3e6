import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { createTenantSession, type TenantSession } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { TEST_AUDIENCE, TEST_ISSUER } from '../support/test-issuer.js';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('dashboard JWT gate', () => {
  let t: TestApp;
  let session: TenantSession;
  const call = (token: string) => t.http.get('/v1/tenant').set({ Authorization: `Bearer ${token}`, 'X-Organization-Id': session.tenantId });
  const expect401 = async (token: string, message: string, code = 'invalid_token') => {
    const res = await call(token);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ statusCode: 401, error: 'Unauthorized', code, message, requestId: expect.any(String) });
  };

  beforeAll(async () => {
    t = await startTestApp();
    session = await createTenantSession(t, 'jwt_gate');
  });
  afterAll(async () => {
    await t.close();
  });

  it('accepts RS256 and ES256 tokens from the JWKS', async () => {
    await call(await t.issuer.sign(session.userIds.viewer, { alg: 'RS256' })).expect(200);
    await call(await t.issuer.sign(session.userIds.viewer, { alg: 'ES256' })).expect(200);
  });

  it('requires a credential', async () => {
    const res = await t.http.get('/v1/tenant').set('X-Organization-Id', session.tenantId);
    expect([res.status, res.body.code, res.body.message]).toEqual([401, 'unauthenticated', 'Authentication required']);
  });

  it('rejects garbage', () => expect401('not.a.jwt', 'Malformed token'));

  it('rejects alg none', async () => {
    const token = `${b64({ alg: 'none', typ: 'JWT', kid: 'rsa-1' })}.${b64({ sub: session.userIds.owner, iss: TEST_ISSUER, aud: TEST_AUDIENCE, exp: 9e9 })}.`;
    await expect401(token, 'Algorithm not allowed');
  });

  it('rejects HS256 keyed with the public key (algorithm confusion)', async () => {
    const publicPem = createPublicKey({ key: t.issuer.publicJwk('rsa-1') as never, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
    const signingInput = `${b64({ alg: 'HS256', typ: 'JWT', kid: 'rsa-1' })}.${b64({ sub: session.userIds.owner, iss: TEST_ISSUER, exp: Math.floor(Date.now() / 1000) + 600 })}`;
    const signature = createHmac('sha256', publicPem).update(signingInput).digest('base64url');
    await expect401(`${signingInput}.${signature}`, 'Algorithm not allowed');
  });

  it('rejects an expired token', async () => expect401(await t.issuer.sign(session.userIds.owner, { expiresIn: -120 }), 'Token expired', 'token_expired'));

  it('rejects a token without exp, every time (it is not remembered either)', async () => {
    const token = await t.issuer.sign(session.userIds.owner, { expiresIn: null });
    expect(JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString())).not.toHaveProperty('exp');
    await expect401(token, 'Token has no expiry (exp claim)');
    await expect401(token, 'Token has no expiry (exp claim)');
  });

  it('accepts a token within the 60 s clock skew', async () => {
    await call(await t.issuer.sign(session.userIds.viewer, { expiresIn: -30 })).expect(200);
  });

  it('rejects a token not yet valid (nbf beyond the skew)', async () =>
    expect401(await t.issuer.sign(session.userIds.owner, { notBefore: 300 }), 'Token not yet valid'));

  it('rejects an issuer neither the platform nor any tenant registered', async () =>
    expect401(await t.issuer.sign(session.userIds.owner, { iss: 'https://evil.example/' }), "The token's issuer is not accepted here", 'unknown_issuer'));

  it('rejects a wrong audience', async () => expect401(await t.issuer.sign(session.userIds.owner, { aud: 'someone-else' }), 'Audience mismatch'));

  it('rejects a forged signature', async () => {
    const [header, payload] = (await t.issuer.sign(session.userIds.owner)).split('.');
    const other = (await t.issuer.sign(session.userIds.viewer)).split('.')[2];
    await expect401(`${header}.${payload}.${other}`, 'Invalid signature', 'invalid_signature');
  });

  it('never takes key material from the token header (jwk/jku)', async () => {
    const good = await t.issuer.sign(session.userIds.owner);
    const [, payload, signature] = good.split('.');
    const header = b64({ alg: 'RS256', kid: 'attacker', jwk: t.issuer.publicJwk('rsa-1'), jku: 'http://127.0.0.1:1/jwks' });
    await expect401(`${header}.${payload}.${signature}`, 'Unknown signing key');
  });

  it('picks up a rotated key without restart, and a kid flood neither hammers the JWKS nor locks out valid tokens', async () => {
    await t.issuer.addKey('RS256', 'rsa-rotated');
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await call(await t.issuer.sign(session.userIds.viewer, { kid: 'rsa-rotated' })).expect(200);

    const before = t.issuer.jwksFetches;
    const good = await t.issuer.sign(session.userIds.viewer);
    const [, payload, signature] = good.split('.');
    const bogus = Array.from({ length: 40 }, (_, i) => `${b64({ alg: 'RS256', kid: `bogus-${i}` })}.${payload}.${signature}`);
    const results = await Promise.all([...bogus.map((token) => call(token)), call(good), call(good)]);
    expect(results.slice(0, 40).every((res) => res.status === 401 && res.body.code === 'invalid_token' && res.body.message === 'Unknown signing key')).toBe(
      true,
    );
    expect(results.slice(40).map((res) => res.status)).toEqual([200, 200]);
    expect(t.issuer.jwksFetches - before).toBeLessThanOrEqual(1);
  });
});

describe('dashboard JWT gate with authorized parties (Clerk style)', () => {
  let t: TestApp;
  let session: TenantSession;
  beforeAll(async () => {
    t = await startTestApp({ PLATFORM_JWT_AUDIENCE: '', PLATFORM_JWT_AUTHORIZED_PARTIES: 'https://dashboard.example.com' });
    session = await createTenantSession(t, 'azp_gate', { signOptions: { azp: 'https://dashboard.example.com' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('accepts a listed azp and rejects another', async () => {
    const ok = await t.issuer.sign(session.userIds.viewer, { azp: 'https://dashboard.example.com', aud: 'anything' });
    await t.http
      .get('/v1/tenant')
      .set({ Authorization: `Bearer ${ok}`, 'X-Organization-Id': session.tenantId })
      .expect(200);
    const bad = await t.issuer.sign(session.userIds.viewer, { azp: 'https://evil.example.com' });
    const res = await t.http.get('/v1/tenant').set({ Authorization: `Bearer ${bad}`, 'X-Organization-Id': session.tenantId });
    expect([res.status, res.body.code, res.body.message]).toEqual([401, 'invalid_token', 'Authorized party mismatch']);
  });

  it('rejects an azp that is not a string, even one that prints as a listed party', async () => {
    const listed = await t.issuer.sign(session.userIds.viewer, { claims: { azp: ['https://dashboard.example.com'] } });
    const res = await t.http.get('/v1/tenant').set({ Authorization: `Bearer ${listed}`, 'X-Organization-Id': session.tenantId });
    expect(res.status).toBe(401);
    expect(res.body.message).toBe('Authorized party mismatch');
  });
});

describe('dashboard edge in production without a JWKS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      NODE_ENV: 'production',
      PLATFORM_JWKS_URL: '',
      PLATFORM_JWT_ISSUER: '',
      PLATFORM_JWT_AUDIENCE: '',
      DATABASE_URL: 'postgres://unused@127.0.0.1/unused',
      SERVICE_JWT_PRIVATE_KEY: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 503 for bearer tokens instead of trusting anything', async () => {
    const res = await t.http.get('/v1/tenant').set({ Authorization: `Bearer ${await t.issuer.sign('someone')}`, 'X-Organization-Id': 'x' });
    expect(res.status).toBe(503);
  });
});
