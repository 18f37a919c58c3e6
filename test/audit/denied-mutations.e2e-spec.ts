import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTenantSession, type TenantSession } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { cliVerify } from './audit-cli.js';

describe('denied mutations on the audit chains', () => {
  let t: TestApp;
  let target: TenantSession;
  let bystander: TenantSession;

  beforeAll(async () => {
    t = await startTestApp();
    target = await createTenantSession(t, 'denied_target');
    bystander = await createTenantSession(t, 'denied_bystander');
  });
  afterAll(async () => {
    await t.close();
  });

  const count = async (where: string, params: unknown[] = []) =>
    (await t.db.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE ${where}`, params))[0].n;

  it("records 80 concurrent denials on the request's own connection: every answer a 403, every row written, other tenants unaffected", async () => {
    const before = await count(`tenant_id = 'denied_target' AND outcome = 'denied'`);
    const [denied, reads] = await Promise.all([
      Promise.all(
        Array.from({ length: 80 }, (_, i) =>
          t.http
            .patch('/v1/tenant')
            .set(target.as('editor'))
            .send({ name: `attempt ${i}` }),
        ),
      ),
      Promise.all(Array.from({ length: 40 }, () => t.http.get('/v1/tenant').set(bystander.as('viewer')))),
    ]);
    expect(denied.map((res) => `${res.status} ${res.body.message}`)).toEqual(Array(80).fill('403 Requires role admin'));
    expect(reads.map((res) => res.status)).toEqual(Array(40).fill(200));
    expect((await count(`tenant_id = 'denied_target' AND outcome = 'denied'`)) - before).toBe(80);
    const verify = await t.http.get('/v1/audit/verify').set(target.as('admin')).expect(200);
    expect(verify.body.valid).toBe(true);
  });

  it("puts a stranger's denial on the platform chain, never on the addressed tenant's", async () => {
    const tenantBefore = await count(`tenant_id = 'denied_target'`);
    await t.http
      .put('/v1/members/user_intruder')
      .set({ ...bystander.as('owner'), 'X-Organization-Id': 'denied_target' })
      .send({ role: 'owner' })
      .expect(403);
    expect(await count(`tenant_id = 'denied_target'`)).toBe(tenantBefore);
    const [row] = await t.db.sql(
      `SELECT actor_id, operation, entity_id, outcome, details FROM audit_log WHERE tenant_id IS NULL AND actor_id = $1 ORDER BY seq DESC LIMIT 1`,
      [bystander.userIds.owner],
    );
    expect(row).toEqual({
      actor_id: bystander.userIds.owner,
      operation: 'member.upsert',
      entity_id: 'user_intruder',
      outcome: 'denied',
      details: { status: 403, reason: 'No membership on this tenant', requestedTenantId: 'denied_target' },
    });
  });

  it('writes at most 60 denial rows a minute per stranger, and caps what the stranger controls', async () => {
    const stranger = bystander.userIds.admin;
    const longId = 'x'.repeat(2_000);
    const answers = await Promise.all(
      Array.from({ length: 75 }, () => t.http.delete(`/v1/members/${longId}`).set({ ...bystander.as('admin'), 'X-Organization-Id': 'denied_target' })),
    );
    expect(answers.map((res) => res.status)).toEqual(Array(75).fill(403));
    expect(await count(`tenant_id IS NULL AND actor_id = $1`, [stranger])).toBe(60);
    const lengths = await t.db.sql<{ n: number }>(`SELECT DISTINCT length(entity_id)::int AS n FROM audit_log WHERE tenant_id IS NULL AND actor_id = $1`, [
      stranger,
    ]);
    expect(lengths).toEqual([{ n: 256 }]);

    // The limit is per caller: another stranger is still recorded.
    await t.http
      .delete('/v1/members/someone')
      .set({ ...bystander.as('editor'), 'X-Organization-Id': 'denied_target' })
      .expect(403);
    expect(await count(`tenant_id IS NULL AND actor_id = $1`, [bystander.userIds.editor])).toBe(1);

    const platform = await cliVerify(t.db.url, ['--platform']);
    expect([platform.code, platform.output]).toEqual([0, expect.stringMatching(/platform chain is valid/)]);
  });
});

describe('the per-caller limit on platform denials, with two instances on one database', () => {
  let first: TestApp;
  let second: TestApp;
  let stranger: TenantSession;

  beforeAll(async () => {
    first = await startTestApp();
    second = await startTestApp({}, { db: first.db, issuer: first.issuer });
    await createTenantSession(first, 'shared_target');
    stranger = await createTenantSession(first, 'shared_stranger');
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('holds across instances: 90 denials split between them write 60 rows', async () => {
    const attempt = (t: TestApp) =>
      t.http
        .put('/v1/members/user_x')
        .set({ ...stranger.as('owner'), 'X-Organization-Id': 'shared_target' })
        .send({ role: 'owner' });
    const answers = await Promise.all(Array.from({ length: 90 }, (_, i) => attempt(i % 2 === 0 ? first : second)));
    expect(answers.map((res) => res.status)).toEqual(Array(90).fill(403));
    const [{ n }] = await first.db.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE tenant_id IS NULL AND actor_id = $1`, [
      stranger.userIds.owner,
    ]);
    expect(n).toBe(60);
  });
});
