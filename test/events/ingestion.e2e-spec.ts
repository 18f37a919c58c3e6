import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { event, ingest, recentBase, WAIT_PROCESSED } from '../support/events.js';
import { fieldProblems, problemMessages } from '../support/errors.js';
import { adminKeyHeaders, createTenantSession, type TenantSession } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('event ingestion', () => {
  let t: TestApp;
  let session: TenantSession;
  const tenant = 'ingest_a';
  const post = (body: unknown, path = '/v1/events/batch') =>
    t.http
      .post(path)
      .set(adminKeyHeaders(tenant))
      .send(body as object);
  /** Posts and answers once the events are processed, so the store can be read. */
  const postProcessed = (body: unknown, path = '/v1/events/batch') => post(body, path).set(WAIT_PROCESSED);
  const count = async (where = 'true') => Number((await t.db.sql(`SELECT count(*) AS n FROM events WHERE tenant_id = $1 AND ${where}`, [tenant]))[0].n);
  /** Events accepted so far: stored, or still in the inbox. */
  const accepted = async () =>
    Number(
      (await t.db.sql(`SELECT (SELECT count(*) FROM events WHERE tenant_id = $1) + (SELECT count(*) FROM event_inbox WHERE tenant_id = $1) AS n`, [tenant]))[0]
        .n,
    );

  beforeAll(async () => {
    t = await startTestApp();
    session = await createTenantSession(t, tenant);
  });
  afterAll(async () => {
    await t.close();
  });

  it('accepts one event with 202 {id} (its eventId), and lists it with every field once processed', async () => {
    const body = event({
      userId: 'u_one',
      domainprint: 'dp_one',
      url: 'https://shop.example.com/cart',
      eventType: 'purchase',
      ip: '203.0.113.9',
      userAgent: 'Mozilla/5.0',
      geo: { lat: 48.8566, lon: 2.3522, country: 'FR', city: 'Paris' },
      campaign: { source: 'google', medium: 'cpc', name: 'spring', term: 'shoes' },
      sessionId: 'sess_1',
      timestamp: new Date(recentBase()).toISOString(),
    });
    const res = await post(body, '/v1/events');
    expect([res.status, res.body]).toEqual([202, { id: body.eventId }]);
    await postProcessed(event(), '/v1/events').expect(200);
    const list = await t.http.get('/v1/events').query({ userId: 'u_one' }).set(session.as('viewer')).expect(200);
    expect(list.body.data).toEqual([
      {
        id: body.eventId,
        eventId: body.eventId,
        fingerprint: body.fingerprint,
        domainprint: 'dp_one',
        userId: 'u_one',
        domain: 'shop.example.com',
        url: 'https://shop.example.com/cart',
        eventType: 'purchase',
        ip: '203.0.113.9',
        userAgent: 'Mozilla/5.0',
        geo: { lat: 48.8566, lon: 2.3522, country: 'FR', city: 'Paris' },
        campaign: { source: 'google', medium: 'cpc', name: 'spring', term: 'shoes', content: null },
        sessionId: 'sess_1',
        timestamp: body.timestamp,
        receivedAt: expect.any(String),
      },
    ]);
  });

  it('defaults eventType, timestamp, eventId and the ip (the request address)', async () => {
    const before = Date.now();
    const res = await postProcessed({ fingerprint: 'fp_defaults', domain: 'shop.example.com' }, '/v1/events').expect(200);
    expect(res.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), processed: true });
    const [row] = await t.db.sql(`SELECT event_id, event_type, host(ip) AS ip, ts FROM events WHERE tenant_id = $1 AND event_id = $2`, [tenant, res.body.id]);
    expect(row.event_type).toBe('page_view');
    expect(row.ip).toBe('127.0.0.1');
    expect(row.ts.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('stores a batch and counts it', async () => {
    const res = await post({ events: [event({ userId: 'u_batch' }), event({ userId: 'u_batch' }), event()] });
    expect([res.status, res.body]).toEqual([202, { accepted: 3, duplicates: 0 }]);
  });

  describe('idempotency', () => {
    it('stores a retried eventId once and answers with its id', async () => {
      const body = event({ eventId: 'retry-single', userId: 'u_retry' });
      const first = await postProcessed(body, '/v1/events').expect(200);
      const again = await postProcessed({ ...body, fingerprint: 'changed' }, '/v1/events').expect(200);
      expect([first.body.id, again.body.id]).toEqual(['retry-single', 'retry-single']);
      expect(await count(`event_id = 'retry-single'`)).toBe(1);
      const [user] = await t.db.sql(`SELECT event_count FROM end_users WHERE tenant_id = $1 AND user_id = 'u_retry'`, [tenant]);
      expect(Number(user.event_count)).toBe(1);
    });

    it('counts a retried batch as duplicates, including repeats inside one batch', async () => {
      const events = [event({ eventId: 'b-1' }), event({ eventId: 'b-2' }), event({ eventId: 'b-3' })];
      await post({ events }).expect(202, { accepted: 3, duplicates: 0 });
      await post({ events: [...events, event({ eventId: 'b-4' })] }).expect(202, { accepted: 1, duplicates: 3 });
      await postProcessed({ events: [event({ eventId: 'b-5' }), event({ eventId: 'b-5' })] }).expect(200, { accepted: 1, duplicates: 1, processed: true });
      // Accepted before and processed since: still a duplicate.
      await post({ events: [event({ eventId: 'b-1' })] }).expect(202, { accepted: 0, duplicates: 1 });
      expect(await count(`event_id LIKE 'b-%'`)).toBe(5);
    });

    it('stores concurrent retries of one batch exactly once', async () => {
      const events = Array.from({ length: 50 }, (_, i) => event({ eventId: `race-${i}`, userId: `u_race_${i % 5}`, fingerprint: `fp_race_${i % 7}` }));
      // Retries in opposite orders: each would wait on an id the other inserted first, unless inserts share one order.
      const orders = Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? events : [...events].reverse()));
      const results = await Promise.all(orders.map((batch) => postProcessed({ events: batch })));
      expect(results.map((res) => res.status)).toEqual(orders.map(() => 200));
      expect(results.reduce((sum, res) => sum + res.body.accepted, 0)).toBe(50);
      expect(await count(`event_id LIKE 'race-%'`)).toBe(50);
      const users = await t.db.sql(`SELECT sum(event_count)::int AS n FROM end_users WHERE tenant_id = $1 AND user_id LIKE 'u_race_%'`, [tenant]);
      expect(users[0].n).toBe(50);
    });
  });

  describe('validation', () => {
    const expect400 = async (body: unknown, message: string | RegExp, path = '/v1/events') => {
      const res = await post(body, path);
      expect(problemMessages(res)).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
    };

    it('names missing and malformed fields', async () => {
      await expect400({ domain: 'shop.example.com' }, /^fingerprint is required$/);
      await expect400({ fingerprint: 'fp' }, /^domain is required$/);
      await expect400(event({ fingerprint: '' }), /^fingerprint should not be empty$/);
      await expect400(event({ fingerprint: 'x'.repeat(257) }), /^fingerprint must be shorter than or equal to 256 characters$/);
      await expect400(event({ domain: 'd'.repeat(254) }), /^domain must be shorter than or equal to 253 characters$/);
      await expect400(event({ url: 'u'.repeat(2049) }), /^url must be shorter than or equal to 2048 characters$/);
      await expect400(event({ userAgent: 'a'.repeat(1025) }), /^userAgent must be shorter than or equal to 1024 characters$/);
      await expect400(event({ eventType: 'click' }), /^eventType must be one of the following values: page_view, login, signup, purchase, custom$/);
      await expect400(event({ ip: '999.1.1.1' }), /^ip must be an ip address$/);
      await expect400(event({ sessionId: 7 as never }), /^sessionId must be a string$/);
      await expect400(event({ color: 'red' }), /^color should not exist$/);
      await expect400(event({ fingerprint: 'a\u0000b' }), /^fingerprint must not contain NUL characters$/);
      await expect400([event()], /^body must be an object$/);
    });

    it('refuses NUL and lone surrogates however a body spells them, and only those', async () => {
      // The bytes as given (superagent would serialize a Buffer as JSON).
      const raw = (text: string | Buffer) =>
        t.http
          .post('/v1/events/batch')
          .set(adminKeyHeaders(tenant))
          .set('Content-Type', 'application/json')
          .serialize((body: unknown) => body as string)
          .send(text as string);
      const batchOf = (userAgent: string) => `{"events":[{"fingerprint":"fp_text","domain":"shop.example.com","userAgent":"${userAgent}"}]}`;
      for (const escape of ['\\u0000', '\\uD800', '\\udfff']) {
        const res = await raw(batchOf(`a${escape}b`));
        expect([res.status, res.body.code]).toEqual([400, 'validation_failed']);
      }
      // A backslash written out, then "u0000": the text holds no NUL, so it is stored as sent.
      const written = await raw(batchOf('a\\\\u0000b')).set(WAIT_PROCESSED);
      expect([written.status, written.body.accepted]).toEqual([200, 1]);
      // UTF-8 cannot encode a surrogate: bytes that try decode to U+FFFD, which PostgreSQL stores.
      const bytes = Buffer.concat([Buffer.from(batchOf('a').slice(0, -4)), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}]}')]);
      const replaced = await raw(bytes).set(WAIT_PROCESSED);
      expect([replaced.status, replaced.body.accepted]).toEqual([200, 1]);
      const stored = await t.db.sql<{ user_agent: string }>(`SELECT user_agent FROM events WHERE tenant_id = $1 AND fingerprint = 'fp_text' ORDER BY id`, [
        tenant,
      ]);
      expect(stored.map((row) => row.user_agent)).toEqual(['a\\u0000b', 'a\ufffd\ufffd\ufffd']);
    });

    it('checks geo ranges and campaign fields', async () => {
      await expect400(event({ geo: { lat: 90.5, lon: 0 } }), /^geo\.lat must not be greater than 90$/);
      await expect400(event({ geo: { lat: -91, lon: 0 } }), /^geo\.lat must not be less than -90$/);
      await expect400(event({ geo: { lat: 0, lon: 181 } }), /^geo\.lon must not be greater than 180$/);
      await expect400(event({ geo: { lat: 0 } as never }), /^geo\.lon is required$/);
      await expect400(event({ geo: { lat: '1', lon: 2 } as never }), /^geo\.lat must be a number$/);
      await expect400(event({ campaign: { source: 'g', medium: 'cpc' } as never }), /^campaign\.name is required$/);
      await expect400(
        event({ campaign: { source: 'g', medium: 'cpc', name: 'n'.repeat(257) } }),
        /^campaign\.name must be shorter than or equal to 256 characters$/,
      );
      await post(event({ geo: { lat: 90, lon: -180 } }), '/v1/events').expect(202);
    });

    it('accepts timestamps up to 24 h ahead and rejects later or malformed ones', async () => {
      await post(event({ timestamp: new Date(Date.now() + 23 * 3_600_000).toISOString() }), '/v1/events').expect(202);
      await expect400(
        event({ timestamp: new Date(Date.now() + 25 * 3_600_000).toISOString() }),
        /^timestamp must not be more than 24 hours ahead of server time$/,
      );
      await expect400(event({ timestamp: '2025-02-30T10:00:00Z' }), /^timestamp must be an ISO-8601 timestamp/);
      await expect400(event({ timestamp: '2025-01-31 10:00' }), /^timestamp must be an ISO-8601 timestamp/);
    });

    it('stores a timestamp with any offset up to ±23:59 as the instant it names', async () => {
      const instant = recentBase();
      const written = (offsetMinutes: number, zone: string) => `${new Date(instant + offsetMinutes * 60_000).toISOString().slice(0, 23)}${zone}`;
      for (const [offset, zone] of [
        [23 * 60 + 59, '+23:59'],
        [-(23 * 60 + 59), '-23:59'],
        [16 * 60, '+16:00'],
        [-16 * 60, '-1600'],
      ] as const) {
        const body = event({ userId: 'u_offsets', timestamp: written(offset, zone) });
        await postProcessed(body, '/v1/events').expect(200);
        const [row] = await t.db.sql(`SELECT ts FROM events WHERE tenant_id = $1 AND event_id = $2`, [tenant, body.eventId]);
        expect([zone, row.ts.toISOString()]).toEqual([zone, new Date(instant).toISOString()]);
      }
    });

    it('rejects timestamps PostgreSQL cannot hold, naming the field', async () => {
      for (const timestamp of [
        '0000-01-01T00:00:00Z',
        '0001-01-01T00:00:00+00:01',
        '+275760-09-13T00:00:00Z',
        '294277-01-01T00:00:00Z',
        '9999-12-31T23:00:00-05:00',
        '2025-01-31T24:00:00Z',
        '2025-01-31T12:00:60Z',
        '2025-01-31T12:00:00+24:00',
      ]) {
        await expect400(event({ timestamp }), /^timestamp must be an ISO-8601 timestamp with a time zone in the years 0001 to 9999/);
        await expect400({ events: [event(), event({ timestamp })] }, /^events\.1\.timestamp must be an ISO-8601 timestamp/, '/v1/events/batch');
      }
    });

    it('refuses keys named after Object.prototype members, naming them', async () => {
      const before = await count();
      for (const key of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__']) {
        // As JSON text: an object literal with `__proto__` would set the prototype instead of a key.
        const single = `{"fingerprint":"fp","domain":"d.example.com","${key}":"x"}`;
        const res = await t.http.post('/v1/events').set(adminKeyHeaders(tenant)).set('Content-Type', 'application/json').send(single);
        expect([key, problemMessages(res)]).toEqual([key, [`${key} should not exist`]]);
        const nested = `{"events":[{"fingerprint":"fp","domain":"d.example.com","geo":{"lat":1,"lon":2,"${key}":{}}}]}`;
        const batch = await t.http.post('/v1/events/batch').set(adminKeyHeaders(tenant)).set('Content-Type', 'application/json').send(nested);
        expect([key, fieldProblems(batch)]).toEqual([key, [{ path: `events.0.geo.${key}`, message: `events.0.geo.${key} should not exist` }]]);
      }
      expect(await count()).toBe(before);
    });

    it('bounds the age of a timestamp by the tenant retention', async () => {
      const old = new Date(Date.now() - 400 * 86_400_000).toISOString();
      await expect400(event({ timestamp: old }), /^timestamp must not be older than the tenant's retention of 365 days$/);
      await t.http
        .patch('/v1/tenant')
        .set(session.as('owner'))
        .send({ settings: { retentionDays: 1000 } })
        .expect(200);
      await post(event({ timestamp: old }), '/v1/events').expect(202);
      await t.http
        .patch('/v1/tenant')
        .set(session.as('owner'))
        .send({ settings: { retentionDays: 365 } })
        .expect(200);
    });

    it('rejects a whole batch for bad events, naming every bad index and field', async () => {
      const before = await accepted();
      const events = [
        event(),
        event(),
        event(),
        event({ geo: { lat: 100, lon: 0 } }),
        event({ domain: undefined as never, url: 7 as never, geo: { lat: 0, lon: -200 } }),
      ];
      const res = await post({ events });
      expect(fieldProblems(res)).toEqual([
        { path: 'events.3.geo.lat', message: 'events.3.geo.lat must not be greater than 90' },
        { path: 'events.4.domain', message: 'events.4.domain is required' },
        { path: 'events.4.url', message: 'events.4.url must be a string' },
        { path: 'events.4.geo.lon', message: 'events.4.geo.lon must not be less than -180' },
      ]);
      expect(res.body.message).toBe('events.3.geo.lat must not be greater than 90 (and 3 more problems)');
      expect(await accepted()).toBe(before);
    });

    it('names the index of a timestamp the rules reject', async () => {
      const res = await post({ events: [event(), event({ timestamp: new Date(Date.now() + 48 * 3_600_000).toISOString() })] });
      expect(fieldProblems(res)).toEqual([{ path: 'events.1.timestamp', message: 'events.1.timestamp must not be more than 24 hours ahead of server time' }]);
    });

    it('bounds the batch', async () => {
      await expect400({ events: [] }, /^events must contain at least 1 element$/, '/v1/events/batch');
      await expect400(
        { events: Array.from({ length: 1001 }, () => ({ fingerprint: 'f', domain: 'd' })) },
        /^events must contain no more than 1000 elements$/,
        '/v1/events/batch',
      );
      await expect400({ events: 'x' }, /^events must be an array$/, '/v1/events/batch');
      await expect400({ events: [event()], extra: 1 }, /^extra should not exist$/, '/v1/events/batch');
    });

    it('refuses a body over 1 MiB with 413', async () => {
      const res = await post({ events: [event({ url: 'x'.repeat(2000) })], padding: 'p'.repeat(1024 * 1024) });
      expect(res.status).toBe(413);
    });
  });

  describe('who may ingest', () => {
    it('lets admins and owners ingest from the dashboard, not editors or viewers', async () => {
      for (const role of ['viewer', 'editor'] as const) {
        const res = await t.http.post('/v1/events').set(session.as(role)).send(event());
        expect([res.status, res.body.message]).toEqual([403, 'Requires role admin']);
      }
      for (const role of ['admin', 'owner'] as const) await t.http.post('/v1/events').set(session.as(role)).send(event()).expect(202);
    });

    it('lets a superadmin ingest into a named tenant', async () => {
      const superadmin = await t.issuer.sign('user_superadmin');
      await t.http
        .post('/v1/events')
        .set({ Authorization: `Bearer ${superadmin}`, 'X-Organization-Id': tenant })
        .send(event())
        .expect(202);
    });

    it('is not audited', async () => {
      const chainLength = async () => (await t.db.sql(`SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = $1`, [tenant]))[0].n;
      const before = await chainLength();
      await post({ events: [event(), event()] }).expect(202);
      await post(event(), '/v1/events').expect(202);
      expect(await chainLength()).toBe(before);
    });
  });
});

describe.each([
  { trustProxy: '1', expected: '198.51.100.23' },
  { trustProxy: '0', expected: '127.0.0.1' },
])('client address with TRUST_PROXY=$trustProxy', ({ trustProxy, expected }) => {
  let t: TestApp;
  const tenant = `proxy_${trustProxy}`;
  const send = (body: object) =>
    t.http
      .post('/v1/events')
      .set({ ...adminKeyHeaders(tenant), 'X-Forwarded-For': '198.51.100.23', ...WAIT_PROCESSED })
      .send(body)
      .expect(200);
  const storedIp = async (eventId: string) =>
    (await t.db.sql(`SELECT host(ip) AS ip FROM events WHERE tenant_id = $1 AND event_id = $2`, [tenant, eventId]))[0].ip;
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: trustProxy });
    await createTenantSession(t, tenant);
  });
  afterAll(async () => {
    await t.close();
  });

  it(`stores ${expected} when the caller sets no ip`, async () => {
    expect(await storedIp((await send(event())).body.id)).toBe(expected);
  });

  it('keeps an ip a server-side caller sets', async () => {
    expect(await storedIp((await send(event({ ip: '2001:db8::1' }))).body.id)).toBe('2001:db8::1');
    await ingest(t, tenant, [event()]);
  });
});
