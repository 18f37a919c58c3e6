import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { PipelineWorker } from '../../apps/api/src/pipeline/pipeline-worker.js';
import { event, WAIT_PROCESSED } from '../support/events.js';
import { freePort } from '../support/free-port.js';
import { adminKeyHeaders, createTenantSession, type TenantSession } from '../support/session.js';
import {
  ADMIN_API_KEY,
  createTestDatabase,
  startTestApp,
  TEST_AUDIT_HMAC_KEY,
  TEST_WEBHOOK_ENCRYPTION_KEY,
  type TestApp,
  type TestDatabase,
} from '../support/test-app.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const post = (t: TestApp, tenantId: string, events: object[], headers: Record<string, string> = {}) =>
  t.http.post('/v1/events/batch').set(adminKeyHeaders(tenantId)).set(headers).send({ events });

const pipeline = async (t: TestApp, session: TenantSession) => (await t.http.get('/v1/events/pipeline').set(session.as('viewer')).expect(200)).body;

const stored = async (db: TestDatabase, tenantId: string) =>
  (await db.sql<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE tenant_id = $1`, [tenantId]))[0].n;

/** Polls until the tenant's backlog is empty (bounded; the workers run on their own). */
async function drained(t: TestApp, session: TenantSession): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    if ((await pipeline(t, session)).backlog === 0) return;
    await sleep(100);
  }
  throw new Error('the backlog did not drain');
}

describe('the event pipeline, accepted but not processed (WORKER=false)', () => {
  let t: TestApp;
  let a: TenantSession;
  let b: TenantSession;
  const turn = () => t.app.get(PipelineWorker).serveOnce();

  beforeAll(async () => {
    t = await startTestApp({ WORKER: 'false', EVENT_BACKLOG_MAX: '6' });
    a = await createTenantSession(t, 'pipe_a');
    b = await createTenantSession(t, 'pipe_b');
  });
  afterAll(async () => {
    await t.close();
  });

  it('reports the backlog, its oldest arrival and the processed-through time, then processes in turn', async () => {
    const before = Date.now();
    await post(t, a.tenantId, [event({ userId: 'u1' }), event({ userId: 'u1' }), event({ userId: 'u2' })]).expect(202, { accepted: 3, duplicates: 0 });
    const waiting = await pipeline(t, a);
    expect(waiting).toEqual({
      backlog: 3,
      oldestPendingAt: expect.any(String),
      lagSeconds: expect.any(Number),
      processedThrough: expect.any(String),
      deadLetters: 0,
    });
    expect(Date.parse(waiting.oldestPendingAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(waiting.processedThrough)).toBeLessThan(Date.parse(waiting.oldestPendingAt));
    expect(await stored(t.db, a.tenantId)).toBe(0);
    const users = await t.http.get('/v1/users').set(a.as('viewer')).expect(200);
    expect(users.body.data).toEqual([]);
    expect(Date.parse(users.headers['x-data-freshness'])).toBe(Date.parse(waiting.processedThrough));

    expect(await turn()).toEqual({ tenantId: a.tenantId, events: 3, deadLetters: 0 });
    const done = await pipeline(t, a);
    expect(done).toMatchObject({ backlog: 0, oldestPendingAt: null, lagSeconds: 0, deadLetters: 0 });
    expect(await stored(t.db, a.tenantId)).toBe(3);
    const after = await t.http.get('/v1/users').set(a.as('viewer')).expect(200);
    expect(after.body.data.map((user: { userId: string; eventCount: number }) => [user.userId, user.eventCount]).sort()).toEqual([
      ['u1', 2],
      ['u2', 1],
    ]);
    expect(Date.parse(after.headers['x-data-freshness'])).toBeGreaterThanOrEqual(Date.parse(waiting.oldestPendingAt));
    expect(await turn()).toBeUndefined();
  });

  it('answers a wait that runs out with 202 processed:false, echoing the clamped preference', async () => {
    const res = await post(t, b.tenantId, [event()], { Prefer: 'wait=1' });
    expect([res.status, res.body, res.headers['preference-applied']]).toEqual([202, { accepted: 1, duplicates: 0, processed: false }, 'wait=1']);
    const single = await t.http
      .post('/v1/events')
      .set(adminKeyHeaders(b.tenantId))
      .set({ Prefer: 'wait=1' })
      .send(event({ eventId: 'single-1' }));
    expect([single.status, single.body]).toEqual([202, { id: 'single-1', processed: false }]);
    // A batch of known events has nothing left to process.
    const known = await post(t, b.tenantId, [event({ eventId: 'single-1' })], WAIT_PROCESSED);
    expect([known.status, known.body, known.headers['preference-applied']]).toEqual([200, { accepted: 0, duplicates: 1, processed: true }, 'wait=30']);
    while (await turn());
  });

  it('serves the tenant served least recently first, whatever arrived first', async () => {
    await post(t, a.tenantId, [event()]).expect(202);
    expect((await turn())?.tenantId).toBe(a.tenantId);
    await post(t, a.tenantId, [event(), event(), event()]).expect(202);
    await post(t, b.tenantId, [event()]).expect(202);
    // a was just served, b not since the previous test: b goes first, though a accepted first (and sorts first).
    const served = [await turn(), await turn(), await turn()];
    expect(served.map((chunk) => chunk?.tenantId)).toEqual([b.tenantId, a.tenantId, undefined]);
  });

  it('refuses a tenant at EVENT_BACKLOG_MAX with 503 backlog_full, accepting a batch that starts below it whole', async () => {
    await post(t, a.tenantId, [event(), event(), event(), event(), event()]).expect(202, { accepted: 5, duplicates: 0 });
    await post(t, a.tenantId, [event(), event(), event()]).expect(202, { accepted: 3, duplicates: 0 });
    const full = await post(t, a.tenantId, [event()]);
    expect([full.status, full.body.code, full.headers['retry-after']]).toEqual([503, 'backlog_full', expect.any(String)]);
    const one = await t.http.post('/v1/events').set(adminKeyHeaders(a.tenantId)).send(event());
    expect([one.status, one.body.code]).toEqual([503, 'backlog_full']);
    // Another tenant does not notice.
    await post(t, b.tenantId, [event(), event()]).expect(202, { accepted: 2, duplicates: 0 });
    expect((await pipeline(t, a)).backlog).toBe(8);
    while (await turn());
    await post(t, a.tenantId, [event()]).expect(202, { accepted: 1, duplicates: 0 });
    while (await turn());
  });

  it('sets an event that cannot be processed aside as a dead letter and processes the rest of its chunk', async () => {
    const before = await stored(t.db, b.tenantId);
    await post(t, b.tenantId, [event({ eventId: 'good-1' }), event({ eventId: 'good-2' })]).expect(202);
    // A row the validation would never let through (lat out of range): the store's check constraint refuses it.
    await t.db.sql(
      `INSERT INTO event_inbox (tenant_id, event_id, ts, lat, lon, fingerprint, domain, event_type) VALUES ($1, 'poison', now(), 1000, 0, 'fp', 'd', 'page_view')`,
      [b.tenantId],
    );
    await t.db.sql(`UPDATE pipeline_intake SET accepted_count = accepted_count + 1 WHERE tenant_id = $1`, [b.tenantId]);
    await post(t, b.tenantId, [event({ eventId: 'good-3' })]).expect(202);
    expect(await turn()).toEqual({ tenantId: b.tenantId, events: 4, deadLetters: 1 });
    expect(await stored(t.db, b.tenantId)).toBe(before + 3);
    expect(await pipeline(t, b)).toMatchObject({ backlog: 0, deadLetters: 1 });
    const [letter] = await t.db.sql(`SELECT event_id, error, event->>'lat' AS lat FROM event_dead_letters WHERE tenant_id = $1`, [b.tenantId]);
    expect(letter).toEqual({ event_id: 'poison', error: expect.stringContaining('check constraint'), lat: '1000' });
  });
});

describe('the event pipeline with two instances on one database', () => {
  let one: TestApp;
  let two: TestApp;
  let session: TenantSession;

  beforeAll(async () => {
    one = await startTestApp();
    two = await startTestApp({}, { db: one.db, issuer: one.issuer });
    session = await createTenantSession(one, 'pipe_two');
  });
  afterAll(async () => {
    await two.close();
    await one.close();
  });

  it('processes every event exactly once while both instances accept and both workers run', async () => {
    const users = 7;
    const batches = Array.from({ length: 16 }, (_, batch) =>
      Array.from({ length: 50 }, (_, i) => event({ eventId: `two-${batch}-${i}`, userId: `u_two_${i % users}`, fingerprint: `fp_two_${batch % 5}` })),
    );
    const answers = await Promise.all(batches.map((events, index) => post(index % 2 === 0 ? one : two, session.tenantId, events)));
    expect(answers.map((res) => res.status)).toEqual(batches.map(() => 202));
    // Retries of every batch, on the other instance, while the workers run.
    const retries = await Promise.all(batches.map((events, index) => post(index % 2 === 0 ? two : one, session.tenantId, events)));
    expect(retries.reduce((sum, res) => sum + (res.body as { accepted: number }).accepted, 0)).toBe(0);
    await drained(one, session);
    expect(await stored(one.db, session.tenantId)).toBe(800);
    const [rollup] = await one.db.sql(`SELECT sum(event_count)::int AS events, count(*)::int AS users FROM end_users WHERE tenant_id = $1`, [session.tenantId]);
    expect(rollup).toEqual({ events: 800, users });
    const [fingerprints] = await one.db.sql(`SELECT sum(event_count)::int AS events FROM fingerprint_stats WHERE tenant_id = $1`, [session.tenantId]);
    expect(fingerprints.events).toBe(800);
    const [counters] = await one.db.sql(
      `SELECT i.accepted_count::int AS accepted, p.processed_count::int AS processed FROM pipeline_intake i JOIN pipeline_tenants p USING (tenant_id) WHERE tenant_id = $1`,
      [session.tenantId],
    );
    expect(counters).toEqual({ accepted: 800, processed: 800 });
  });
});

describe('the event pipeline after a crash', () => {
  let db: TestDatabase;
  const dataDir = `.data/test-pipeline-crash-${process.pid}`;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('loses nothing it acknowledged when the process is killed (SIGKILL) right after the 202', async () => {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const server = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        DATABASE_URL: db.url,
        DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
        ADMIN_API_KEY,
        WORKER: 'false',
        SKIPDEV: '1',
      },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => server.once('exit', resolve));
    for (
      let attempt = 0;
      attempt < 150 &&
      !(await fetch(`${baseUrl}/health/live`).then(
        (res) => res.ok,
        () => false,
      ));
      attempt += 1
    )
      await sleep(200);
    const headers = { 'X-Admin-API-Key': ADMIN_API_KEY, 'Content-Type': 'application/json' };
    await fetch(`${baseUrl}/v1/platform/tenants`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ id: 'pipe_crash', name: 'Crash', ownerUserId: 'crash_owner' }),
    });
    const events = Array.from({ length: 500 }, (_, i) => event({ eventId: `crash-${i}`, userId: `u_crash_${i % 10}` }));
    const accepted = await fetch(`${baseUrl}/v1/events/batch`, {
      method: 'POST',
      headers: { ...headers, 'X-Organization-Id': 'pipe_crash' },
      body: JSON.stringify({ events }),
    });
    expect([accepted.status, await accepted.json()]).toEqual([202, { accepted: 500, duplicates: 0 }]);
    server.kill('SIGKILL');
    await exited;

    // A new instance's worker finds the acknowledged batch in the inbox.
    const t = await startTestApp({}, { db });
    try {
      for (let attempt = 0; attempt < 300 && (await stored(db, 'pipe_crash')) < 500; attempt += 1) await sleep(100);
      expect(await stored(db, 'pipe_crash')).toBe(500);
      const [users] = await db.sql(`SELECT sum(event_count)::int AS events FROM end_users WHERE tenant_id = 'pipe_crash'`);
      expect(users.events).toBe(500);
    } finally {
      await t.close();
    }
  });
});

describe('a worker process alone (npm run worker)', () => {
  it('processes what an instance without workers accepted, and stops cleanly on SIGTERM', async () => {
    const t = await startTestApp({ WORKER: 'false' });
    const dataDir = `.data/test-worker-${process.pid}`;
    try {
      const session = await createTenantSession(t, 'pipe_worker_alone');
      await post(
        t,
        session.tenantId,
        Array.from({ length: 40 }, (_, i) => event({ eventId: `alone-${i}`, userId: `u_alone_${i % 4}` })),
      ).expect(202);
      expect((await pipeline(t, session)).backlog).toBe(40);
      const worker = spawn(process.execPath, ['dist/apps/cli/src/main.js', 'worker'], {
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'test',
          DATABASE_URL: t.db.url,
          DATA_DIR: dataDir,
          LOG_LEVEL: 'silent',
          MIGRATIONS_RUN: 'false',
          AUDIT_HMAC_KEY: TEST_AUDIT_HMAC_KEY,
          WEBHOOK_ENCRYPTION_KEY: TEST_WEBHOOK_ENCRYPTION_KEY,
        },
        stdio: 'ignore',
      });
      const exited = new Promise<number | null>((resolve) => worker.once('exit', resolve));
      await drained(t, session);
      expect(await stored(t.db, session.tenantId)).toBe(40);
      worker.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      await t.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('a request waiting for processing (Prefer: wait)', () => {
  let t: TestApp;
  let waiting: TenantSession;

  beforeAll(async () => {
    t = await startTestApp({ WORKER: 'false' });
    waiting = await createTenantSession(t, 'pipe_waiting');
  });
  afterAll(async () => {
    await t.close();
  });

  it("holds neither a connection nor a place in the tenant's share while a request waits for processing", async () => {
    // More waiting requests than the tenant's share of connections (5 of the default 20).
    let waitsOver = false;
    const waits = Promise.all(Array.from({ length: 8 }, () => post(t, waiting.tenantId, [event()], { Prefer: 'wait=3' }).then((res) => res.status)));
    void waits.then(() => (waitsOver = true));
    await sleep(300);
    const read = await t.http.get('/v1/tenant').set(waiting.as('viewer'));
    expect([read.status, waitsOver]).toEqual([200, false]);
    expect(await waits).toEqual(Array(8).fill(202));
  });
});
