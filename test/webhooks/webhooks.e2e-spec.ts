import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConflictException, Controller, Module, Post } from '@nestjs/common';
import { Webhook } from 'standardwebhooks';
import { PER_ENDPOINT } from '../../apps/api/src/webhooks/webhook-dispatcher.js';
import { AuditWriter } from '../../libs/audit/src/index.js';
import { TenantRoute } from '../../libs/auth/src/index.js';
import { TenantDatabase } from '../../libs/database/src/index.js';
import { event, ingest } from '../support/events.js';
import { createTenantSession, type TenantSession } from '../support/session.js';
import { startProductionTestApp, startTestApp, type TestApp } from '../support/test-app.js';
import { type ReceivedWebhook, WebhookReceiver } from '../support/webhook-receiver.js';

/** Test-only route: a change whose audit row is written, then the transaction rolls back. */
@Controller('test-probe')
class RolledBackChangeController {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditWriter,
  ) {}

  @Post('rolled-back-change')
  @TenantRoute({ minRole: 'admin' })
  async rolledBack(): Promise<never> {
    return this.db.transaction(async () => {
      await this.audit.record({ operation: 'token.create', entityType: 'token', entityId: 'tok_rolled_back' });
      throw new ConflictException('rolled back on purpose');
    });
  }
}

@Module({ controllers: [RolledBackChangeController] })
class RolledBackChangeModule {}

const payloadOf = (request: ReceivedWebhook) =>
  JSON.parse(request.body) as { type: string; timestamp: string; tenantId: string; data: Record<string, unknown> };

describe('webhooks', () => {
  let t: TestApp;
  let s: TenantSession;
  let other: TenantSession;
  let receiver: WebhookReceiver;

  async function createWebhook(session: TenantSession, path: string, events: string[], extra: object = {}) {
    const res = await t.http
      .post('/v1/webhooks')
      .set(session.as('admin'))
      .send({ url: `${receiver.baseUrl}${path}`, events, ...extra });
    expect([res.status, res.body.secret]).toEqual([201, expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/)]);
    return res.body as { id: string; secret: string };
  }

  async function deliveries(session: TenantSession, webhookId: string) {
    const res = await t.http.get(`/v1/webhooks/${webhookId}/deliveries`).set(session.as('admin')).expect(200);
    return res.body.data as Array<{
      id: string;
      eventType: string;
      status: string;
      attempts: number;
      lastStatusCode: number | null;
      nextAttemptAt: string | null;
    }>;
  }

  async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (done(value) || Date.now() > deadline) return value;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    t = await startTestApp({}, undefined, [RolledBackChangeModule]);
    s = await createTenantSession(t, 'hooks_a');
    other = await createTenantSession(t, 'hooks_b');
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  it('creates an endpoint (201, secret once), lists and reads it without the secret, and is admin-only', async () => {
    const created = await createWebhook(s, '/crud', ['token.created'], { description: 'crud' });
    const read = await t.http.get(`/v1/webhooks/${created.id}`).set(s.as('admin')).expect(200);
    expect(read.body).toEqual({
      id: created.id,
      url: `${receiver.baseUrl}/crud`,
      description: 'crud',
      events: ['token.created'],
      enabled: true,
      disabledReason: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const list = await t.http.get('/v1/webhooks').set(s.as('admin')).expect(200);
    expect(list.body.data.map((endpoint: { id: string }) => endpoint.id)).toContain(created.id);
    expect(JSON.stringify(list.body)).not.toContain('whsec_');
    await t.http.get('/v1/webhooks').set(s.as('editor')).expect(403);
    await t.http.get(`/v1/webhooks/${created.id}`).set(other.as('admin')).expect(404);
    const patched = await t.http
      .patch(`/v1/webhooks/${created.id}`)
      .set(s.as('admin'))
      .send({ events: ['*'], description: null })
      .expect(200);
    expect(patched.body).toMatchObject({ events: ['*'], description: null });
    await t.http.delete(`/v1/webhooks/${created.id}`).set(s.as('admin')).expect(204);
    await t.http.get(`/v1/webhooks/${created.id}`).set(s.as('admin')).expect(404);
  });

  it('sends as data the resource the API answers: the token without its secret, the member, the user', async () => {
    await createWebhook(s, '/resources', ['token.created', 'token.revoked', 'member.removed', 'user.updated']);
    const token = await t.http
      .post('/v1/tokens')
      .set(s.as('admin'))
      .send({ name: 'hooked', kind: 'secret', scopes: ['events:read'] })
      .expect(201);
    const [created] = await receiver.waitFor('/resources', 1, (request) => payloadOf(request).type === 'token.created');
    const listed = async () =>
      (await t.http.get('/v1/tokens').set(s.as('admin')).expect(200)).body.data.find((row: { id: string }) => row.id === token.body.id);
    expect(payloadOf(created).data).toEqual(await listed());
    expect(created.body).not.toContain(token.body.token);
    await t.http.delete(`/v1/tokens/${token.body.id}`).set(s.as('admin')).expect(204);
    const [revoked] = await receiver.waitFor('/resources', 1, (request) => payloadOf(request).type === 'token.revoked');
    expect(payloadOf(revoked).data).toEqual(await listed());
    expect(payloadOf(revoked).data.revokedAt).toEqual(expect.any(String));
    // Revoking it again changes nothing: no second event.
    await t.http.delete(`/v1/tokens/${token.body.id}`).set(s.as('admin')).expect(204);

    await t.http.put('/v1/members/leaving').set(s.as('owner')).send({ role: 'viewer' }).expect(201);
    const before = (await t.http.get('/v1/members').set(s.as('admin')).expect(200)).body.data.find((member: { userId: string }) => member.userId === 'leaving');
    await t.http.delete('/v1/members/leaving').set(s.as('owner')).expect(204);
    const [removed] = await receiver.waitFor('/resources', 1, (request) => payloadOf(request).type === 'member.removed');
    expect(payloadOf(removed).data).toEqual(before);

    await ingest(t, 'hooks_a', [event({ userId: 'hooked_user', fingerprint: 'fp_hooked' })]);
    await t.http
      .patch('/v1/users/hooked_user')
      .set(s.as('editor'))
      .send({ labels: ['vip'] })
      .expect(200);
    const [updated] = await receiver.waitFor('/resources', 1, (request) => payloadOf(request).type === 'user.updated');
    const user = (await t.http.get('/v1/users').query({ q: 'hooked_user' }).set(s.as('viewer')).expect(200)).body.data[0];
    expect(payloadOf(updated).data).toEqual(user);
    expect(payloadOf(updated).data.labels).toEqual(['vip']);
    expect(receiver.on('/resources').map((request) => payloadOf(request).type)).toEqual(['token.created', 'token.revoked', 'member.removed', 'user.updated']);
  });

  it('refuses unknown event types and bad URLs with a 400 naming them', async () => {
    const unknown = await t.http
      .post('/v1/webhooks')
      .set(s.as('admin'))
      .send({ url: `${receiver.baseUrl}/x`, events: ['user.deleted'] });
    expect([unknown.status, unknown.body.code]).toEqual([400, 'validation_failed']);
    const notUrl = await t.http
      .post('/v1/webhooks')
      .set(s.as('admin'))
      .send({ url: 'not a url', events: ['*'] });
    expect([notUrl.status, notUrl.body.code]).toEqual([400, 'url_not_allowed']);
    const ftp = await t.http
      .post('/v1/webhooks')
      .set(s.as('admin'))
      .send({ url: 'ftp://127.0.0.1/x', events: ['*'] });
    expect([ftp.status, ftp.body.code]).toEqual([400, 'url_not_allowed']);
  });

  it('delivers typed events and the audit stream, signed so the Standard Webhooks library verifies them', async () => {
    const hook = await createWebhook(s, '/signed', ['member.added', 'audit.appended']);
    await t.http.put('/v1/members/new_member').set(s.as('owner')).send({ role: 'viewer' }).expect(201);
    const [added] = await receiver.waitFor('/signed', 1, (request) => payloadOf(request).type === 'member.added');
    const verified = new Webhook(hook.secret).verify(added.body, added.headers) as { type: string; tenantId: string; data: Record<string, unknown> };
    expect(verified).toMatchObject({ type: 'member.added', tenantId: 'hooks_a', data: { userId: 'new_member', role: 'viewer' } });
    const members = await t.http.get('/v1/members').set(s.as('admin')).expect(200);
    expect(verified.data).toEqual(members.body.data.find((member: { userId: string }) => member.userId === 'new_member'));
    expect(added.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
    const [audited] = await receiver.waitFor(
      '/signed',
      1,
      (request) => payloadOf(request).type === 'audit.appended' && payloadOf(request).data.operation === 'member.upsert',
    );
    expect(() => new Webhook(hook.secret).verify(audited.body, audited.headers)).not.toThrow();
    expect(payloadOf(audited).data).toMatchObject({ tenantId: 'hooks_a', operation: 'member.upsert', entityId: 'new_member', hash: expect.any(String) });
    const audit = await t.http.get('/v1/audit').query({ operation: 'member.upsert' }).set(s.as('admin')).expect(200);
    expect(payloadOf(audited).data).toEqual(audit.body.data.find((row: { seq: number }) => row.seq === payloadOf(audited).data.seq));
    // A forged body does not verify.
    expect(() => new Webhook(hook.secret).verify(added.body.replace('viewer', 'owner__'), added.headers)).toThrow();
    const list = await until(
      () => deliveries(s, hook.id),
      (rows) => rows.every((row) => row.status === 'succeeded'),
    );
    expect(list.length).toBeGreaterThanOrEqual(2);
    expect(list.every((row) => row.status === 'succeeded' && row.attempts === 1 && row.lastStatusCode === 200 && row.nextAttemptAt === null)).toBe(true);
  });

  it('after a rotation with grace, signs with both secrets; each verifies', async () => {
    const hook = await createWebhook(s, '/rotated', ['webhook.test']);
    const rotated = await t.http.post(`/v1/webhooks/${hook.id}/rotate-secret`).set(s.as('admin')).send({ graceSeconds: 3600 }).expect(201);
    expect(rotated.body).toEqual({ id: hook.id, secret: expect.stringMatching(/^whsec_/), previousSecretExpiresAt: expect.any(String) });
    const test = await t.http.post(`/v1/webhooks/${hook.id}/test`).set(s.as('admin')).expect(202);
    const [request] = await receiver.waitFor('/rotated', 1);
    expect(request.headers['webhook-id']).toBe(test.body.deliveryId);
    expect(request.headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(hook.secret).verify(request.body, request.headers)).not.toThrow();
    expect(() => new Webhook(rotated.body.secret).verify(request.body, request.headers)).not.toThrow();
    expect(payloadOf(request)).toMatchObject({ type: 'webhook.test', tenantId: 'hooks_a' });
  });

  it('retries a failed attempt after about 5 s, then delivers', async () => {
    receiver.respond('/flaky', 503, 200);
    const hook = await createWebhook(s, '/flaky', ['webhook.test']);
    await t.http.post(`/v1/webhooks/${hook.id}/test`).set(s.as('admin')).expect(202);
    const [first] = await until(
      () => deliveries(s, hook.id),
      (rows) => rows[0]?.attempts === 1,
    );
    expect(first).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 503 });
    const [firstRequest] = receiver.on('/flaky');
    const delay = Date.parse(first.nextAttemptAt!) - Number(firstRequest.headers['webhook-timestamp']) * 1000;
    // 5 s ± 20 %, measured from the first attempt's timestamp (whole seconds).
    expect(delay).toBeGreaterThanOrEqual(3_000);
    expect(delay).toBeLessThanOrEqual(7_000);
    const requests = await receiver.waitFor('/flaky', 2);
    expect(requests[1].headers['webhook-id']).toBe(requests[0].headers['webhook-id']);
    const [done] = await until(
      () => deliveries(s, hook.id),
      (rows) => rows[0]?.status === 'succeeded',
    );
    expect(done).toMatchObject({ status: 'succeeded', attempts: 2, lastStatusCode: 200 });
  }, 30_000);

  it('410 fails the delivery and disables the endpoint at once, with an audit row; a test send is then 409', async () => {
    receiver.respond('/gone', 410);
    const hook = await createWebhook(s, '/gone', ['webhook.test']);
    await t.http.post(`/v1/webhooks/${hook.id}/test`).set(s.as('admin')).expect(202);
    const [failed] = await until(
      () => deliveries(s, hook.id),
      (rows) => rows[0]?.status === 'failed',
    );
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, lastStatusCode: 410, nextAttemptAt: null });
    const endpoint = await t.http.get(`/v1/webhooks/${hook.id}`).set(s.as('admin')).expect(200);
    expect(endpoint.body).toMatchObject({ enabled: false, disabledReason: 'the endpoint answered 410 Gone' });
    const audit = await t.db.sql(
      `SELECT actor_type, actor_id FROM audit_log WHERE tenant_id = 'hooks_a' AND operation = 'webhook.disable' AND entity_id = $1`,
      [hook.id],
    );
    expect(audit).toEqual([{ actor_type: 'system', actor_id: 'webhook-dispatcher' }]);
    const refused = await t.http.post(`/v1/webhooks/${hook.id}/test`).set(s.as('admin'));
    expect([refused.status, refused.body.code]).toEqual([409, 'webhook_disabled']);
    // A manual retry is one more attempt, and no automatic retry follows it.
    await t.http.patch(`/v1/webhooks/${hook.id}`).set(s.as('admin')).send({ enabled: true }).expect(200);
    receiver.respond('/gone', 500);
    await t.http.post(`/v1/webhooks/${hook.id}/deliveries/${failed.id}/retry`).set(s.as('admin')).expect(202);
    const [retried] = await until(
      () => deliveries(s, hook.id),
      (rows) => rows[0]?.attempts === 2,
    );
    expect(retried).toMatchObject({ status: 'failed', attempts: 2, lastStatusCode: 500, nextAttemptAt: null });
    await t.http.post(`/v1/webhooks/${hook.id}/deliveries/msg_00000000000000000000000000000000/retry`).set(s.as('admin')).expect(404);
  });

  it('fails the delivery and disables the endpoint once the retry schedule runs out', async () => {
    receiver.respond('/down', 500);
    const hook = await createWebhook(s, '/down', ['webhook.test']);
    const test = await t.http.post(`/v1/webhooks/${hook.id}/test`).set(s.as('admin')).expect(202);
    await until(
      () => deliveries(s, hook.id),
      (rows) => rows[0]?.attempts === 1,
    );
    // Seven retries already made: the next failure is the last.
    await t.db.sql(`UPDATE webhook_deliveries SET attempts = 7, next_attempt_at = now() WHERE id = $1`, [test.body.deliveryId]);
    const [failed] = await until(
      () => deliveries(s, hook.id),
      (rows) => rows[0]?.status === 'failed',
    );
    expect(failed).toMatchObject({ status: 'failed', attempts: 8, lastStatusCode: 500 });
    const endpoint = await t.http.get(`/v1/webhooks/${hook.id}`).set(s.as('admin')).expect(200);
    expect(endpoint.body).toMatchObject({ enabled: false, disabledReason: expect.stringContaining('failed after 8 attempts') });
  });

  it('lets a receiver that hangs hold only its own share of attempts; other endpoints are served meanwhile', async () => {
    receiver.hold('/hanging');
    const hanging = await createWebhook(s, '/hanging', ['webhook.test']);
    const sent = PER_ENDPOINT + 2;
    for (let i = 0; i < sent; i += 1) await t.http.post(`/v1/webhooks/${hanging.id}/test`).set(s.as('admin')).expect(202);
    // An endpoint's share of attempts at once: the other two wait.
    await receiver.waitFor('/hanging', PER_ENDPOINT);
    const healthy = await createWebhook(other, '/healthy', ['webhook.test']);
    await t.http.post(`/v1/webhooks/${healthy.id}/test`).set(other.as('admin')).expect(202);
    await receiver.waitFor('/healthy', 1);
    expect(receiver.on('/hanging')).toHaveLength(PER_ENDPOINT);
    receiver.release('/hanging');
    await receiver.waitFor('/hanging', sent);
    const done = await until(
      () => deliveries(s, hanging.id),
      (rows) => rows.every((row) => row.status === 'succeeded'),
    );
    expect(done.map((row) => row.status)).toEqual(new Array(sent).fill('succeeded'));
  });

  it('queues nothing for a change that rolls back', async () => {
    const hook = await createWebhook(s, '/rollback', ['token.created', 'audit.appended']);
    const res = await t.http.post('/test-probe/rolled-back-change').set(s.as('admin'));
    expect(res.status).toBe(409);
    // The endpoint's only delivery so far is the audit row of its own creation.
    const rows = await t.db.sql(`SELECT payload FROM webhook_deliveries WHERE endpoint_id = $1`, [hook.id]);
    expect(rows.map((row) => [row.payload.type, row.payload.data.operation])).toEqual([['audit.appended', 'webhook.create']]);
    // A change that commits afterwards is delivered, and is the only one.
    await t.http
      .post('/v1/tokens')
      .set(s.as('admin'))
      .send({ name: 'after rollback', kind: 'secret', scopes: ['events:read'] })
      .expect(201);
    await receiver.waitFor('/rollback', 1, (request) => payloadOf(request).type === 'token.created');
    expect(receiver.on('/rollback').some((request) => request.body.includes('tok_rolled_back'))).toBe(false);
  });

  it('keeps secrets out of the database in plaintext (what a dump would show)', async () => {
    // With Idempotency-Keys, so the stored answers (which hold the secrets) are in the dump too.
    const created = await t.http
      .post('/v1/webhooks')
      .set(s.as('admin'))
      .set('Idempotency-Key', 'secrecy-create')
      .send({ url: `${receiver.baseUrl}/secrecy`, events: ['webhook.test'] })
      .expect(201);
    const hook = created.body as { id: string; secret: string };
    const rotated = await t.http
      .post(`/v1/webhooks/${hook.id}/rotate-secret`)
      .set(s.as('admin'))
      .set('Idempotency-Key', 'secrecy-rotate')
      .send({ graceSeconds: 60 })
      .expect(201);
    const stored = await t.db.sql(`SELECT count(*)::int AS n FROM idempotency_keys WHERE key LIKE 'secrecy-%' AND response IS NOT NULL`);
    expect(stored[0].n).toBe(2);
    const tables = await t.db.sql<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
       WHERE table_schema IN ('public', 'pgboss') AND table_type = 'BASE TABLE'`,
    );
    let dump = '';
    for (const table of tables) {
      const [row] = await t.db.sql<{ text: string | null }>(`SELECT string_agg(x::text, E'\\n') AS text FROM "${table.schema}"."${table.name}" x`);
      dump += row.text ?? '';
    }
    expect(dump).toContain(hook.id);
    for (const secret of [hook.secret, rotated.body.secret as string]) {
      const key = secret.slice('whsec_'.length);
      expect(dump).not.toContain(key);
      expect(dump).not.toContain(Buffer.from(key, 'base64').toString('hex'));
    }
  });

  it("never lets one tenant read or change another's endpoints or deliveries", async () => {
    const hook = await createWebhook(s, '/private', ['webhook.test']);
    await t.http.patch(`/v1/webhooks/${hook.id}`).set(other.as('admin')).send({ enabled: false }).expect(404);
    await t.http.get(`/v1/webhooks/${hook.id}/deliveries`).set(other.as('admin')).expect(404);
    await t.http.post(`/v1/webhooks/${hook.id}/test`).set(other.as('admin')).expect(404);
    await t.http.post(`/v1/webhooks/${hook.id}/rotate-secret`).set(other.as('admin')).send({}).expect(404);
    await t.http.delete(`/v1/webhooks/${hook.id}`).set(other.as('admin')).expect(404);
    const list = await t.http.get('/v1/webhooks').set(other.as('admin')).expect(200);
    expect(list.body.data.map((endpoint: { id: string }) => endpoint.id)).not.toContain(hook.id);
  });
});

describe('webhooks across a restart', () => {
  it('a delivery queued by a process that stops before sending it is sent by the next one', async () => {
    const receiver = await WebhookReceiver.start();
    const first = await startTestApp({ WORKER: 'false' });
    try {
      const s = await createTenantSession(first, 'hooks_restart');
      const created = await first.http
        .post('/v1/webhooks')
        .set(s.as('admin'))
        .send({ url: `${receiver.baseUrl}/later`, events: ['token.created'] })
        .expect(201);
      await first.http
        .post('/v1/tokens')
        .set(s.as('admin'))
        .send({ name: 'queued', kind: 'secret', scopes: ['events:read'] })
        .expect(201);
      await first.app.close();
      expect(receiver.received).toHaveLength(0);
      const second = await startTestApp({}, { db: first.db, issuer: first.issuer });
      try {
        const [request] = await receiver.waitFor('/later', 1);
        expect(() => new Webhook(created.body.secret as string).verify(request.body, request.headers)).not.toThrow();
        expect(payloadOf(request)).toMatchObject({ type: 'token.created', data: { name: 'queued' } });
      } finally {
        await second.close();
      }
    } finally {
      await first.issuer.close();
      await first.db.drop();
      await receiver.close();
    }
  }, 30_000);

  it('deliveries claimed ahead of an endpoint share are handed back, due at once, when the process stops', async () => {
    const receiver = await WebhookReceiver.start();
    const t = await startTestApp();
    try {
      const s = await createTenantSession(t, 'hooks_handback');
      receiver.hold('/busy');
      const created = await t.http
        .post('/v1/webhooks')
        .set(s.as('admin'))
        .send({ url: `${receiver.baseUrl}/busy`, events: ['webhook.test'] })
        .expect(201);
      const waiting = 3;
      // Queued at once: the share's attempts are held from the first claim on, and all of this must happen well within
      // their 10 s timeout, or they would fail and turn the endpoint unresponsive (sequential requests took seconds on a
      // loaded machine).
      await Promise.all(
        Array.from({ length: PER_ENDPOINT + waiting }, () => t.http.post(`/v1/webhooks/${created.body.id}/test`).set(s.as('admin')).expect(202)),
      );
      await receiver.waitFor('/busy', PER_ENDPOINT);
      const pending = async (when: string) =>
        (await t.db.sql(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at ${when}`))[0].n as number;
      const reached = async (when: string, count: number) => {
        for (let polls = 0; polls < 200 && (await pending(when)) < count; polls += 1) await new Promise((resolve) => setTimeout(resolve, 50));
        return pending(when);
      };
      // Every one is claimed (leased): a share in flight, the rest waiting in the process for a free share.
      expect(await reached(`> now() + interval '30 seconds'`, PER_ENDPOINT + waiting)).toBe(PER_ENDPOINT + waiting);
      const closing = t.app.close();
      // The waiting ones are handed back as the process begins to stop, before the share in flight is answered.
      expect(await reached('<= now()', waiting)).toBe(waiting);
      receiver.release('/busy');
      await closing;
      const rows = await t.db.sql(`SELECT status, next_attempt_at <= now() AS due FROM webhook_deliveries ORDER BY status`);
      expect(rows.map((row) => [row.status, row.due])).toEqual([
        ...new Array(waiting).fill(['pending', true]),
        ...new Array(PER_ENDPOINT).fill(['succeeded', null]),
      ]);
      expect(receiver.on('/busy')).toHaveLength(PER_ENDPOINT);
    } finally {
      await t.issuer.close();
      await t.db.drop();
      await receiver.close();
    }
  }, 30_000);
});

describe('webhook URLs in production', () => {
  let t: TestApp;
  let s: TenantSession;
  beforeAll(async () => {
    t = await startProductionTestApp();
    s = await createTenantSession(t, 'hooks_prod');
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses plain http and every internal address class with url_not_allowed, storing nothing', async () => {
    const urls = [
      'http://hooks.example.com/x',
      'https://127.0.0.1/x',
      'https://localhost/x',
      'https://10.0.0.8/x',
      'https://172.16.0.1/x',
      'https://192.168.1.1/x',
      'https://169.254.169.254/latest/meta-data/',
      'https://100.64.0.1/x',
      'https://[::1]/x',
      'https://[fd00::1]/x',
      'https://[fe80::1]/x',
      'https://[::ffff:127.0.0.1]/x',
      'https://[::ffff:169.254.169.254]/x',
      'https://224.0.0.1/x',
      'https://0.0.0.0/x',
    ];
    const answers: unknown[] = [];
    for (const url of urls) {
      const res = await t.http
        .post('/v1/webhooks')
        .set(s.as('admin'))
        .send({ url, events: ['*'] });
      answers.push([res.status, res.body.code]);
    }
    expect(answers).toEqual(urls.map(() => [400, 'url_not_allowed']));
    const stored = await t.db.sql(`SELECT count(*)::int AS n FROM webhook_endpoints`);
    expect(stored[0].n).toBe(0);
  });
});
