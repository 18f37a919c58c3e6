import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { event, ingest } from '../support/events.js';
import { createTenantSession, type TenantSession } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();

describe('retention job (POST /v1/tenant/retention/run, GET /v1/jobs/:id)', () => {
  let t: TestApp;
  let a: TenantSession;
  let b: TenantSession;

  async function job(session: TenantSession, id: string) {
    const res = await t.http.get(`/v1/jobs/${id}`).set(session.as('admin'));
    return res;
  }

  async function finished(session: TenantSession, id: string) {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const res = await job(session, id);
      expect(res.status).toBe(200);
      if (['succeeded', 'failed'].includes(res.body.status) || Date.now() > deadline) return res.body;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  const countEvents = async (tenantId: string) =>
    (
      await t.db.sql<{ old: number; recent: number }>(
        `SELECT count(*) FILTER (WHERE ts < now() - interval '5 days')::int AS old, count(*) FILTER (WHERE ts >= now() - interval '5 days')::int AS recent
       FROM events WHERE tenant_id = $1`,
        [tenantId],
      )
    )[0];

  beforeAll(async () => {
    t = await startTestApp();
    a = await createTenantSession(t, 'retention_a');
    b = await createTenantSession(t, 'retention_b');
    for (const session of [a, b]) {
      await ingest(t, session.tenantId, [
        // Only old events: this user and fingerprint go with them.
        event({ userId: 'old_user', fingerprint: 'fp_old', timestamp: daysAgo(10) }),
        event({ userId: 'old_user', fingerprint: 'fp_old', timestamp: daysAgo(9) }),
        // Old and recent: the user stays, with its recent event.
        event({ userId: 'mixed_user', fingerprint: 'fp_mixed', timestamp: daysAgo(10) }),
        event({ userId: 'mixed_user', fingerprint: 'fp_mixed', timestamp: daysAgo(1) }),
        event({ userId: 'new_user', fingerprint: 'fp_new', timestamp: daysAgo(1) }),
      ]);
    }
    await t.http
      .patch('/v1/tenant')
      .set(a.as('owner'))
      .send({ settings: { retentionDays: 5 } })
      .expect(200);
  });
  afterAll(async () => {
    await t.close();
  });

  it('is for owners only', async () => {
    const res = await t.http.post('/v1/tenant/retention/run').set(a.as('admin'));
    expect([res.status, res.body.code]).toEqual([403, 'role_required']);
  });

  it("deletes only this tenant's events beyond its retention, and what only they made; the job reports it", async () => {
    expect(await countEvents('retention_a')).toEqual({ old: 3, recent: 2 });
    const queued = await t.http.post('/v1/tenant/retention/run').set(a.as('owner')).expect(202);
    expect(queued.body).toEqual({ jobId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const done = await finished(a, queued.body.jobId);
    expect(done).toEqual({
      id: queued.body.jobId,
      name: 'retention',
      status: 'succeeded',
      startedAt: expect.any(String),
      finishedAt: expect.any(String),
      result: { retentionDays: 5, cutoff: expect.any(String), deleted: { events: 3, users: 1, fingerprints: 1, domainprints: 0 } },
      error: null,
    });
    expect(await countEvents('retention_a')).toEqual({ old: 0, recent: 2 });
    // The other tenant keeps everything (its retention is the default).
    expect(await countEvents('retention_b')).toEqual({ old: 3, recent: 2 });
    await t.http.get('/v1/users/old_user').set(a.as('viewer')).expect(404);
    await t.http.get('/v1/fingerprints/fp_old').set(a.as('viewer')).expect(404);
    await t.http.get('/v1/users/mixed_user').set(a.as('viewer')).expect(200);
    await t.http.get('/v1/users/old_user').set(b.as('viewer')).expect(200);
    const audit = await t.db.sql<{ operation: string; actor_type: string; actor_id: string; details: Record<string, unknown> }>(
      `SELECT operation, actor_type, actor_id, details FROM audit_log WHERE tenant_id = 'retention_a' AND operation LIKE 'retention.%' AND outcome = 'ok' ORDER BY seq`,
    );
    expect(audit.map((row) => row.operation)).toEqual(['retention.request', 'retention.run']);
    expect(audit[1]).toMatchObject({ actor_type: 'system', actor_id: `job:${queued.body.jobId}`, details: { deleted: { events: 3, users: 1 } } });
  });

  it("answers 404 for another tenant's job and for ids that are not jobs", async () => {
    const queued = await t.http.post('/v1/tenant/retention/run').set(a.as('owner')).expect(202);
    await finished(a, queued.body.jobId);
    const foreign = await job(b, queued.body.jobId);
    expect([foreign.status, foreign.body.code]).toEqual([404, 'not_found']);
    expect((await job(a, 'not-a-job')).status).toBe(404);
    expect((await job(a, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
