import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BODY_WAIT_MS, IngestTurns, QUEUED_TURNS_PER_TENANT, TURNS_PER_TENANT } from '../../apps/api/src/pipeline/ingest-admission.js';
import { event } from '../support/events.js';
import { createTenantSession, type TenantSession } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface RawAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** An ingest request whose body is sent in two parts: the first now, the rest when `finish` is called. */
interface SlowUpload {
  finish(): void;
  answer: Promise<RawAnswer>;
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('ingest admission: each tenant ingests in turns, let in before its bodies are read', () => {
  let t: TestApp;
  let a: TenantSession;
  let b: TenantSession;
  let port: number;
  let turns: IngestTurns;

  beforeAll(async () => {
    t = await startTestApp();
    a = await createTenantSession(t, 'uploader');
    b = await createTenantSession(t, 'bystander');
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    turns = t.app.get(IngestTurns);
  });
  afterAll(async () => {
    await t.close();
  });

  const batch = (tag: string) => JSON.stringify({ events: [event({ userId: tag, fingerprint: `fp_${tag}` })] });

  /** An ingest batch by default; `request` sends another body to another route the same way. */
  function slowUpload(session: TenantSession, tag: string, request = { method: 'POST', path: '/v1/events/batch', body: batch(tag) }): SlowUpload {
    const body = Buffer.from(request.body);
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      method: request.method,
      path: request.path,
      headers: { ...session.as('admin'), 'Content-Type': 'application/json', 'Content-Length': body.length },
    });
    const answer = new Promise<RawAnswer>((resolve, reject) => {
      req.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) as Record<string, unknown> }));
      });
      req.on('error', reject);
    });
    req.write(body.subarray(0, 10));
    return { answer, finish: () => req.end(body.subarray(10)) };
  }

  const ingest = (session: TenantSession, tag: string) =>
    t.http.post('/v1/events/batch').set(session.as('admin')).set('Content-Type', 'application/json').send(batch(tag));

  it("answers a refused caller without reading its body, so a stranger's bytes cost no parsing", async () => {
    const res = await t.http.post('/v1/events/batch').set({ 'X-API-Key': 'sk_not_a_key', 'Content-Type': 'application/json' }).send('{"events": [nonsense');
    expect([res.status, res.body.code]).toEqual([401, 'unauthenticated']);
  });

  it("queues a tenant's ingest behind its slow uploads while another tenant ingests at once", async () => {
    const slow = Array.from({ length: TURNS_PER_TENANT }, (_, i) => slowUpload(a, `slow_${i}`));
    await until(() => turns.of('uploader').held === TURNS_PER_TENANT);
    let queuedDone = false;
    const queued = ingest(a, 'queued').then((res) => ((queuedDone = true), res));
    await until(() => turns.of('uploader').waiting === 1);

    const other = await ingest(b, 'other');
    expect([other.status, other.body]).toEqual([202, { accepted: 1, duplicates: 0 }]);
    expect(queuedDone).toBe(false);

    slow[0].finish();
    expect(await slow[0].answer).toEqual({ status: 202, body: { accepted: 1, duplicates: 0 } });
    expect((await queued).status).toBe(202);
    for (const upload of slow.slice(1)) upload.finish();
    expect((await Promise.all(slow.slice(1).map((upload) => upload.answer))).map((answer) => answer.status)).toEqual(slow.slice(1).map(() => 202));
    expect(turns.of('uploader')).toEqual({ held: 0, waiting: 0 });
  });

  it('tells a tenant whose queue is full to come back (503 tenant_busy), and lets every queued request in later', async () => {
    const slow = Array.from({ length: TURNS_PER_TENANT }, (_, i) => slowUpload(a, `hold_${i}`));
    await until(() => turns.of('uploader').held === TURNS_PER_TENANT);
    const queued = Array.from({ length: QUEUED_TURNS_PER_TENANT }, (_, i) => ingest(a, `wait_${i}`).then((res) => res));
    await until(() => turns.of('uploader').waiting === QUEUED_TURNS_PER_TENANT);

    const refused = await ingest(a, 'one_too_many');
    expect([refused.status, refused.body.code, typeof refused.headers['retry-after']]).toEqual([503, 'tenant_busy', 'string']);
    // Another tenant's lane is its own.
    expect((await ingest(b, 'unaffected')).status).toBe(202);

    for (const upload of slow) upload.finish();
    const answers = await Promise.all([...queued, ...slow.map((upload) => upload.answer)]);
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 202));
  });

  it("takes all of its tenant's turns for one batch while the instance answers another request, and one again after", async () => {
    // Another tenant's request in flight: a user change whose body is still arriving.
    const dashboard = slowUpload(b, 'dashboard', { method: 'PATCH', path: '/v1/users/someone', body: JSON.stringify({ labels: ['x'] }) });
    const batchDuringIt = slowUpload(a, 'during');
    await until(() => turns.of('uploader').held === TURNS_PER_TENANT);
    dashboard.finish();
    batchDuringIt.finish();
    expect((await dashboard.answer).status).toBe(404);
    expect((await batchDuringIt.answer).status).toBe(202);

    const alone = Array.from({ length: TURNS_PER_TENANT }, (_, i) => slowUpload(a, `alone_${i}`));
    await until(() => turns.of('uploader').held === TURNS_PER_TENANT);
    expect(turns.of('uploader').waiting).toBe(0);
    for (const upload of alone) upload.finish();
    expect((await Promise.all(alone.map((upload) => upload.answer))).map((answer) => answer.status)).toEqual(alone.map(() => 202));
  });

  it(
    'gives up on a body that does not arrive in time (408 body_timeout) and frees the turn',
    async () => {
      const stalled = slowUpload(a, 'stalled');
      await until(() => turns.of('uploader').held === 1);
      const answer = await stalled.answer;
      expect([answer.status, answer.body.code]).toEqual([408, 'body_timeout']);
      expect(turns.of('uploader')).toEqual({ held: 0, waiting: 0 });
      expect((await ingest(a, 'after_timeout')).status).toBe(202);
    },
    BODY_WAIT_MS + 20_000,
  );
});
