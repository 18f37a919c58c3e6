import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createApp } from '../../apps/api/src/create-app.js';
import { loadConfig } from '../../libs/config/src/index.js';
import { redisServerAvailable, startRedisServer, type RedisServer } from '../support/redis-server.js';
import { createTenantSession, type TenantSession } from '../support/session.js';
import { createTestDatabase, startTestApp, type TestApp, type TestDatabase } from '../support/test-app.js';
import { createToken, internalHeaders, validateToken } from '../support/tokens.js';

const from = (ip: string) => ({ 'X-Forwarded-For': ip });
const bogusKey = (i: number) => `sk_${String(i).padStart(43, 'Z')}`;

describe('rate limits on failed attempts (TRUST_PROXY=1)', () => {
  let t: TestApp;
  let session: TenantSession;
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: '1' });
    session = await createTenantSession(t, 'limits');
  });
  afterAll(async () => {
    await t.close();
  });

  it('POST /v1/auth/token: more than 20 failures a minute from one client → 429 with Retry-After; valid keys still pass', async () => {
    for (let i = 0; i < 20; i += 1)
      await t.http
        .post('/v1/auth/token')
        .set(from('203.0.113.7'))
        .send({ apiKey: bogusKey(i) })
        .expect(401);
    const blocked = await t.http
      .post('/v1/auth/token')
      .set(from('203.0.113.7'))
      .send({ apiKey: bogusKey(21) });
    expect(blocked.status).toBe(429);
    expect(blocked.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      code: 'rate_limited',
      message: expect.stringMatching(/^Too many failed attempts; retry in \d+ s$/),
      requestId: expect.any(String),
    });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(60);

    const { token } = await createToken(t, session.as('admin'));
    await t.http.post('/v1/auth/token').set(from('203.0.113.7')).send({ apiKey: token }).expect(200);
    await t.http
      .post('/v1/auth/token')
      .set(from('203.0.113.8'))
      .send({ apiKey: bogusKey(1) })
      .expect(401);
  });

  it('POST /internal/validate: more than 30 failures (bad tokens or a bad secret) → 429; valid validations are never throttled', async () => {
    const { token } = await createToken(t, session.as('admin'));
    for (let i = 0; i < 25; i += 1) await validateToken(t, bogusKey(i), from('198.51.100.1')).expect(401);
    for (let i = 0; i < 5; i += 1)
      await t.http
        .post('/internal/validate')
        .set({ ...from('198.51.100.1'), 'X-Internal-Secret': 'wrong' })
        .send({ token })
        .expect(403);
    const blocked = await validateToken(t, bogusKey(99), from('198.51.100.1'));
    expect([blocked.status, blocked.body.error]).toEqual([429, 'Too Many Requests']);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    const wrongSecret = await t.http
      .post('/internal/validate')
      .set({ ...from('198.51.100.1'), 'X-Internal-Secret': 'wrong' })
      .send({ token });
    expect(wrongSecret.status).toBe(429);

    await validateToken(t, token, from('198.51.100.1')).expect(200);
    for (let i = 0; i < 100; i += 1) await validateToken(t, token, from('198.51.100.2')).expect(200);
  });

  it('throttles no other route', async () => {
    for (let i = 0; i < 40; i += 1) {
      await t.http
        .get('/v1/tenant')
        .set({ ...from('192.0.2.1'), 'X-API-Key': bogusKey(i) })
        .expect(401);
      await t.http
        .get('/v1/tenant')
        .set({ ...from('192.0.2.1'), Authorization: 'Bearer not.a.jwt', 'X-Organization-Id': 'limits' })
        .expect(401);
    }
  });
});

describe('rate limits without a trusted proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('keys by the connection address and ignores a spoofed X-Forwarded-For', async () => {
    for (let i = 0; i < 20; i += 1)
      await t.http
        .post('/v1/auth/token')
        .set(from(`203.0.113.${i}`))
        .send({ apiKey: bogusKey(i) })
        .expect(401);
    await t.http
      .post('/v1/auth/token')
      .set(from('203.0.113.250'))
      .send({ apiKey: bogusKey(0) })
      .expect(429);
  });
});

describe('REDIS_URL', () => {
  it('set but unreachable at start is a start-up error naming it (without its credentials)', async () => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', REDIS_URL: 'redis://:hunter2-secret@127.0.0.1:1' });
    const failure = createApp(config, 'postgres://unused@127.0.0.1:1/unused');
    await expect(failure).rejects.toThrow(/^REDIS_URL is set but Redis at 127\.0\.0\.1:1 is unreachable/);
    await expect(failure).rejects.not.toThrow(/hunter2/);
  });

  // Needs a `redis-server` binary; where there is none, only the start-up check above covers Redis.
  const available = redisServerAvailable();
  it(`shares failure counts across instances${available ? '' : ' (redis-server not on PATH: not exercised)'}`, async () => {
    if (!available) return;
    let redis: RedisServer | undefined;
    let db: TestDatabase | undefined;
    const apps: TestApp[] = [];
    try {
      redis = await startRedisServer();
      db = await createTestDatabase();
      apps.push(await startTestApp({ REDIS_URL: redis.url, TRUST_PROXY: '1' }, { db }));
      apps.push(await startTestApp({ REDIS_URL: redis.url, TRUST_PROXY: '1' }, { db, issuer: apps[0].issuer }));
      const [a, b] = apps;
      for (let i = 0; i < 11; i += 1)
        await a.http
          .post('/v1/auth/token')
          .set(from('203.0.113.77'))
          .send({ apiKey: bogusKey(i) })
          .expect(401);
      for (let i = 0; i < 9; i += 1)
        await b.http
          .post('/v1/auth/token')
          .set(from('203.0.113.77'))
          .send({ apiKey: bogusKey(i) })
          .expect(401);
      const blocked = await b.http
        .post('/v1/auth/token')
        .set(from('203.0.113.77'))
        .send({ apiKey: bogusKey(0) });
      expect([blocked.status, Number(blocked.headers['retry-after']) > 0]).toEqual([429, true]);
      await a.http
        .post('/v1/auth/token')
        .set(from('203.0.113.77'))
        .send({ apiKey: bogusKey(0) })
        .expect(429);
      await a.http
        .post('/v1/auth/token')
        .set(from('203.0.113.78'))
        .send({ apiKey: bogusKey(0) })
        .expect(401);

      await redis.stop();
      redis = undefined;
      // The shared store is gone: failures are no longer counted (fail open), and nothing breaks.
      await b.http
        .post('/internal/validate')
        .set({ ...internalHeaders(), ...from('203.0.113.79') })
        .send({ token: bogusKey(0) })
        .expect(401);
    } finally {
      for (const app of apps.reverse()) await app.close();
      await db?.drop();
      await redis?.stop();
    }
  });
});
