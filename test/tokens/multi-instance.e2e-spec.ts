import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { createHash } from 'node:crypto';
import { TokenCache } from '../../apps/api/src/tokens/machine/token-cache.js';
import { LISTENER_APPLICATION_NAME } from '../../apps/api/src/tokens/machine/token-change.listener.js';
import { MachineProbeModule } from '../support/machine-probe.js';
import { createTenantSession, type TenantSession } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createToken, validateToken, waitForEviction } from '../support/tokens.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const cacheKey = (token: string) => `k:${createHash('sha256').update(token).digest('hex')}`;

/** Two app instances on one database, each with its own cache and its own service signing key. */
describe('two instances on one database', () => {
  let a: TestApp;
  let b: TestApp;
  let session: TenantSession;
  const cachedOn = (app: TestApp, token: string) => app.app.get(TokenCache).get(cacheKey(token)) !== undefined;
  const probe = (app: TestApp, headers: Record<string, string>) => app.http.get('/test-probe/events').set(headers);

  beforeAll(async () => {
    a = await startTestApp({}, undefined, [MachineProbeModule]);
    b = await startTestApp({}, { db: a.db, issuer: a.issuer }, [MachineProbeModule]);
    session = await createTenantSession(a, 'instances');
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('revocation on one instance takes effect at once on the other (keys, cached validations, service JWTs)', async () => {
    const created = await createToken(a, session.as('admin'));
    const jwt = (await a.http.post('/v1/auth/token').send({ apiKey: created.token }).expect(200)).body.token as string;
    await validateToken(b, created.token).expect(200);
    await probe(b, { 'X-API-Key': created.token }).expect(200);
    await probe(b, { Authorization: `Bearer ${jwt}` }).expect(200);
    expect(cachedOn(b, created.token)).toBe(true);

    await a.http.delete(`/v1/tokens/${created.id}`).set(session.as('admin')).expect(204);
    await waitForEviction(b, created.token);

    expect((await validateToken(b, created.token).expect(401)).body).toEqual({ valid: false, reason: 'revoked' });
    expect((await probe(b, { 'X-API-Key': created.token })).status).toBe(401);
    expect((await probe(b, { Authorization: `Bearer ${jwt}` })).body.message).toBe('API key revoked');
    expect((await validateToken(a, created.token).expect(401)).body.reason).toBe('revoked');
  });

  it('rotation keeps the old secret working for the grace period on every instance, then ends it', async () => {
    const created = await createToken(a, session.as('admin'));
    await validateToken(b, created.token).expect(200);
    expect(cachedOn(b, created.token)).toBe(true);

    const rotated = (await a.http.post(`/v1/tokens/${created.id}/rotate`).set(session.as('admin')).send({ graceSeconds: 2 }).expect(201)).body;
    await waitForEviction(b, created.token);
    const old = (await validateToken(b, created.token).expect(200)).body;
    expect(old).toMatchObject({ valid: true, tokenId: created.id });
    expect(Date.parse(old.expiresAt)).toBeLessThanOrEqual(Date.now() + 2_000);
    expect(old.expiresAt).toBe(rotated.previousTokenExpiresAt);
    await validateToken(b, rotated.token).expect(200);
    await probe(b, { 'X-API-Key': created.token }).expect(200);

    await sleep(Date.parse(old.expiresAt) - Date.now() + 50);
    expect((await validateToken(b, created.token).expect(401)).body).toEqual({ valid: false, reason: 'expired' });
    expect((await probe(b, { 'X-API-Key': created.token })).body.message).toBe('API key expired');
    await validateToken(b, rotated.token).expect(200);
    await validateToken(a, rotated.token).expect(200);

    const again = (await a.http.post(`/v1/tokens/${created.id}/rotate`).set(session.as('admin')).send({ graceSeconds: 0 }).expect(201)).body;
    await waitForEviction(b, rotated.token);
    expect((await validateToken(b, rotated.token).expect(401)).body.reason).toBe('expired');
    await validateToken(b, again.token).expect(200);
  });

  it('never serves a revoked token from cache while the change listener is down, and recovers', async () => {
    const created = await createToken(a, session.as('admin'));
    await validateToken(b, created.token).expect(200);
    expect(cachedOn(b, created.token)).toBe(true);

    // Cut every listener connection, then revoke: the notification is lost on instances without a listener.
    await a.db.sql(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`, [
      LISTENER_APPLICATION_NAME,
    ]);
    await a.http.delete(`/v1/tokens/${created.id}`).set(session.as('admin')).expect(204);
    expect((await validateToken(b, created.token).expect(401)).body.reason).toBe('revoked');

    const next = await createToken(a, session.as('admin'));
    for (let attempt = 0; attempt < 50 && !cachedOn(b, next.token); attempt += 1) {
      await validateToken(b, next.token).expect(200);
      await sleep(100);
    }
    expect(cachedOn(b, next.token)).toBe(true);
    await a.http.delete(`/v1/tokens/${next.id}`).set(session.as('admin')).expect(204);
    await waitForEviction(b, next.token);
    expect((await validateToken(b, next.token).expect(401)).body.reason).toBe('revoked');
  });

  it('publishes the current and previous signing keys, so service JWTs verify on every instance', async () => {
    const created = await createToken(a, session.as('admin'));
    const fromA = (await a.http.post('/v1/auth/token').send({ apiKey: created.token }).expect(200)).body.token as string;
    const fromB = (await b.http.post('/v1/auth/token').send({ apiKey: created.token }).expect(200)).body.token as string;
    expect(decodeProtectedHeader(fromA).kid).not.toBe(decodeProtectedHeader(fromB).kid);

    await probe(b, { Authorization: `Bearer ${fromA}` }).expect(200);
    await probe(a, { Authorization: `Bearer ${fromB}` }).expect(200);

    const jwks = (await b.http.get('/.well-known/jwks.json').expect(200)).body;
    expect(jwks.keys.map((key: { kid: string }) => key.kid)).toEqual([decodeProtectedHeader(fromB).kid, decodeProtectedHeader(fromA).kid]);
    for (const jwt of [fromA, fromB]) {
      const { payload } = await jwtVerify(jwt, createLocalJWKSet(jwks), { issuer: 'admin-api', algorithms: ['ES256'] });
      expect(payload.sub).toBe(created.id);
    }
  });
});
