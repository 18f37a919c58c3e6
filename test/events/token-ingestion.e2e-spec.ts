// Needs the API tokens branch (POST /v1/tokens and the X-API-Key authenticator). After merging it, rename
// this file to token-ingestion.e2e-spec.ts so the suite runs it.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { event, ingest, nowAtOffset, WAIT_PROCESSED } from '../support/events.js';
import { problemMessages } from '../support/errors.js';
import { useTenantApp } from '../support/tenant-app.js';

describe('ingestion and reads with API tokens', () => {
  const tenant = 'tok_events';
  const app = useTenantApp(tenant, { allowedOrigins: ['https://shop.example.com', 'http://localhost:8080'] });
  const keys: Record<string, string> = {};

  const createToken = async (name: string, kind: 'secret' | 'publishable', scopes: string[]) => {
    const res = await app.t.http.post('/v1/tokens').set(app.session.as('admin')).send({ name, kind, scopes });
    expect([res.status, res.body.token]).toEqual([201, expect.stringMatching(kind === 'secret' ? /^sk_/ : /^pk_/)]);
    return res.body.token as string;
  };
  const asKey = (key: string, headers: Record<string, string> = {}) => ({ 'X-API-Key': key, ...headers });

  beforeAll(async () => {
    keys.publishable = await createToken('sdk', 'publishable', ['events:write']);
    keys.writer = await createToken('gateway', 'secret', ['events:write']);
    keys.reader = await createToken('reader', 'secret', ['events:read']);
    keys.analyst = await createToken('analyst', 'secret', ['analytics:read', 'users:write']);
    await ingest(app.t, tenant, [event({ userId: 'tok_user' })]);
  });

  describe('publishable keys and the Origin gate', () => {
    const send = (headers: Record<string, string>, body: object = event()) => app.t.http.post('/v1/events').set(asKey(keys.publishable, headers)).send(body);

    it('accepts an allowed Origin, single and batch', async () => {
      await send({ Origin: 'https://shop.example.com' }).expect(202);
      await send({ Origin: 'http://localhost:8080' }).expect(202);
      await app.t.http
        .post('/v1/events/batch')
        .set(asKey(keys.publishable, { Origin: 'https://shop.example.com' }))
        .send({ events: [event(), event()] })
        .expect(202);
    });

    it('refuses foreign, look-alike and missing origins with 403 Origin not allowed', async () => {
      for (const headers of <Array<Record<string, string>>>[
        { Origin: 'https://evil.example.net' },
        { Origin: 'https://shop.example.com.evil.com' },
        { Origin: 'http://shop.example.com' },
        { Origin: 'https://shop.example.com:8443' },
        { Origin: 'null' },
        {},
      ]) {
        const res = await send(headers);
        expect([res.status, res.body.message, headers]).toEqual([403, 'Origin not allowed', headers]);
      }
    });

    it('falls back to Referer when there is no Origin', async () => {
      await send({ Referer: 'https://shop.example.com/checkout?step=2' }).expect(202);
      const res = await send({ Referer: 'https://evil.example.net/shop.example.com' });
      expect([res.status, res.body.message]).toEqual([403, 'Origin not allowed']);
    });

    it('does not audit origin denials', async () => {
      const count = async () => (await app.t.db.sql(`SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = $1`, [tenant]))[0].n;
      const before = await count();
      await send({ Origin: 'https://evil.example.net' }).expect(403);
      expect(await count()).toBe(before);
    });

    it('cannot set ip: the request address is stored', async () => {
      const res = await send({ Origin: 'https://shop.example.com' }, event({ ip: '203.0.113.1' }));
      expect(problemMessages(res)).toEqual(['ip cannot be set with a publishable key']);
      const batch = await app.t.http
        .post('/v1/events/batch')
        .set(asKey(keys.publishable, { Origin: 'https://shop.example.com' }))
        .send({ events: [event(), event({ ip: '203.0.113.1' })] });
      expect(problemMessages(batch)).toEqual(['events.1.ip cannot be set with a publishable key']);
      const ok = await send({ Origin: 'https://shop.example.com', ...WAIT_PROCESSED }).expect(200);
      const [row] = await app.t.db.sql(`SELECT host(ip) AS ip FROM events WHERE tenant_id = $1 AND event_id = $2`, [tenant, ok.body.id]);
      expect(row.ip).toBe('127.0.0.1');
    });

    it('needs timestamps within 10 minutes of server time', async () => {
      const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();
      await send({ Origin: 'https://shop.example.com' }, event({ timestamp: minutes(-9) })).expect(202);
      await send({ Origin: 'https://shop.example.com' }, event({ timestamp: minutes(9) })).expect(202);
      for (const offset of [-11, 11, -600]) {
        const res = await send({ Origin: 'https://shop.example.com' }, event({ timestamp: minutes(offset) }));
        expect(problemMessages(res)).toEqual(['timestamp must be within 10 minutes of server time for publishable keys']);
      }
    });

    it('accepts the current time written with any offset up to ±23:59', async () => {
      for (const offset of [23 * 60 + 59, -16 * 60]) {
        const body = event({ timestamp: nowAtOffset(offset) });
        await send({ Origin: 'https://shop.example.com', ...WAIT_PROCESSED }, body).expect(200);
        const [row] = await app.t.db.sql(`SELECT ts FROM events WHERE tenant_id = $1 AND event_id = $2`, [tenant, body.eventId]);
        expect(Math.abs(row.ts.getTime() - Date.now())).toBeLessThan(10 * 60_000);
      }
    });

    it('may only ingest', async () => {
      const res = await app.t.http.get('/v1/events').set(asKey(keys.publishable, { Origin: 'https://shop.example.com' }));
      expect(res.status).toBe(403);
    });
  });

  describe('secret keys', () => {
    it('ingest without an Origin, with their own ip and timestamps from 24 h ahead back to the retention', async () => {
      const res = await app.t.http
        .post('/v1/events/batch')
        .set(asKey(keys.writer))
        .send({
          events: [
            event({ ip: '203.0.113.5', timestamp: new Date(Date.now() + 23 * 3_600_000).toISOString() }),
            event({ timestamp: new Date(Date.now() - 300 * 86_400_000).toISOString() }),
          ],
        });
      expect([res.status, res.body]).toEqual([202, { accepted: 2, duplicates: 0 }]);
      const late = await app.t.http
        .post('/v1/events')
        .set(asKey(keys.writer))
        .send(event({ timestamp: new Date(Date.now() + 25 * 3_600_000).toISOString() }));
      expect(problemMessages(late)).toEqual(['timestamp must not be more than 24 hours ahead of server time']);
    });

    it('are refused for another tenant', async () => {
      const res = await app.t.http
        .post('/v1/events')
        .set(asKey(keys.writer, { 'X-Organization-Id': 'someone_else' }))
        .send(event());
      expect([res.status, res.body.message]).toEqual([403, 'Token is not valid for this tenant']);
    });

    it('read events with events:read, and need the scope', async () => {
      const res = await app.t.http.get('/v1/events').query({ userId: 'tok_user' }).set(asKey(keys.reader)).expect(200);
      expect(res.body.data).toHaveLength(1);
      const denied = await app.t.http.get('/v1/events').set(asKey(keys.writer));
      expect([denied.status, denied.body.message]).toEqual([403, 'Requires scope events:read']);
      const noIngest = await app.t.http.post('/v1/events').set(asKey(keys.reader)).send(event());
      expect([noIngest.status, noIngest.body.message]).toEqual([403, 'Requires scope events:write']);
    });

    it('read identity data with analytics:read and update users with users:write', async () => {
      await app.t.http.get('/v1/users').set(asKey(keys.analyst)).expect(200);
      await app.t.http.get('/v1/fingerprints').set(asKey(keys.analyst)).expect(200);
      await app.t.http.get('/v1/users').set(asKey(keys.reader)).expect(403);
      const res = await app.t.http
        .patch('/v1/users/tok_user')
        .set(asKey(keys.analyst))
        .send({ labels: ['reviewed'] })
        .expect(200);
      expect(res.body.labels).toEqual(['reviewed']);
      const [row] = await app.t.db.sql(`SELECT actor_type FROM audit_log WHERE tenant_id = $1 AND operation = 'user.update' ORDER BY seq DESC LIMIT 1`, [
        tenant,
      ]);
      expect(row.actor_type).toBe('token');
    });
  });
});
