import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { adminKeyHeaders, createTenantSession, type TenantSession } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { cliVerify } from './audit-cli.js';

describe('audit trail', () => {
  let t: TestApp;
  let s: TenantSession;
  let other: TenantSession;

  beforeAll(async () => {
    t = await startTestApp();
    s = await createTenantSession(t, 'audited');
    other = await createTenantSession(t, 'other');
  });
  afterAll(async () => {
    await t.close();
  });

  const rows = (sql: string, params: unknown[] = []) => t.db.sql<Record<string, unknown>>(sql, params);

  it('writes one row per mutation with actor, request id and details', async () => {
    const res = await t.http
      .put('/v1/members/user_audit_me')
      .set({ ...s.as('admin'), 'X-Request-Id': 'req-audit-0001' })
      .send({ role: 'viewer' })
      .expect(201);
    expect(res.headers['x-request-id']).toBe('req-audit-0001');
    const [row] = await rows(`SELECT * FROM audit_log WHERE tenant_id = 'audited' AND request_id = 'req-audit-0001'`);
    expect(row).toMatchObject({
      actor_type: 'member',
      actor_id: s.userIds.admin,
      operation: 'member.upsert',
      entity_type: 'member',
      entity_id: 'user_audit_me',
      outcome: 'ok',
      details: { role: 'viewer', previousRole: null },
    });
  });

  it('keeps a contiguous, valid chain under 40 concurrent mutations', async () => {
    const before = Number((await rows(`SELECT count(*) AS n FROM audit_log WHERE tenant_id = 'audited'`))[0].n);
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => t.http.put(`/v1/members/user_burst_${i}`).set(s.as('admin')).send({ role: 'viewer' })),
    );
    expect(results.every((res) => res.status === 201)).toBe(true);
    const seqs = (await rows(`SELECT seq FROM audit_log WHERE tenant_id = 'audited' ORDER BY seq`)).map((row) => Number(row.seq));
    expect(seqs).toEqual(Array.from({ length: before + 40 }, (_, i) => i + 1));
    const verify = await t.http.get('/v1/audit/verify').set(s.as('admin')).expect(200);
    expect(verify.body).toEqual({ valid: true, rows: before + 40 });
  });

  it('records denied mutations of members on the addressed tenant’s chain, and of strangers not there', async () => {
    await t.http.patch('/v1/tenant').set(s.as('editor')).send({ name: 'nope' }).expect(403);
    await t.http
      .put('/v1/members/user_sneaky')
      .set({ ...other.as('owner'), 'X-Organization-Id': 'audited' })
      .send({ role: 'owner' })
      .expect(403);
    const denied = await rows(`SELECT actor_id, operation, outcome, details FROM audit_log WHERE tenant_id = 'audited' AND outcome = 'denied' ORDER BY seq`);
    expect(denied).toEqual([
      { actor_id: s.userIds.editor, operation: 'tenant.update', outcome: 'denied', details: { status: 403, reason: 'Requires role admin' } },
    ]);
    const listed = await t.http.get('/v1/audit?outcome=denied').set(s.as('admin')).expect(200);
    expect(listed.body.data).toHaveLength(1);
  });

  it('does not chain unauthenticated failures', async () => {
    const before = await rows(`SELECT count(*) AS n FROM audit_log`);
    await t.http.delete('/v1/members/anyone').set('X-Organization-Id', 'audited').expect(401);
    await t.http.delete('/v1/members/anyone').set({ Authorization: 'Bearer garbage', 'X-Organization-Id': 'audited' }).expect(401);
    expect(await rows(`SELECT count(*) AS n FROM audit_log`)).toEqual(before);
  });

  it('names superadmins and the admin key as such, and puts tenant creation on the platform chain', async () => {
    const superadmin = await t.issuer.sign('user_superadmin');
    await t.http
      .put('/v1/members/user_by_super')
      .set({ Authorization: `Bearer ${superadmin}`, 'X-Organization-Id': 'audited' })
      .send({ role: 'viewer' })
      .expect(201);
    await t.http.put('/v1/members/user_by_key').set(adminKeyHeaders('audited')).send({ role: 'viewer' }).expect(201);
    const actors = await rows(`SELECT actor_type, actor_id FROM audit_log WHERE entity_id IN ('user_by_super', 'user_by_key') ORDER BY seq`);
    expect(actors).toEqual([
      { actor_type: 'superadmin', actor_id: 'user_superadmin' },
      { actor_type: 'admin_key', actor_id: 'admin-api-key' },
    ]);
    const platform = await rows(`SELECT seq, operation, entity_id, actor_type FROM audit_log WHERE tenant_id IS NULL AND outcome = 'ok' ORDER BY seq`);
    expect(platform).toEqual([
      { seq: '1', operation: 'tenant.create', entity_id: 'audited', actor_type: 'admin_key' },
      { seq: '2', operation: 'tenant.create', entity_id: 'other', actor_type: 'admin_key' },
    ]);
  });

  it('paginates newest first without gaps or repeats', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: Array<{ seq: number }>; nextCursor: string | null } } = await t.http
        .get('/v1/audit')
        .query({ limit: 7, ...(cursor ? { cursor } : {}) })
        .set(s.as('admin'))
        .expect(200);
      seen.push(...page.body.data.map((row) => row.seq));
      cursor = page.body.nextCursor;
    } while (cursor);
    const total = Number((await rows(`SELECT count(*) AS n FROM audit_log WHERE tenant_id = 'audited'`))[0].n);
    expect(seen).toEqual(Array.from({ length: total }, (_, i) => total - i));
    await t.http.get('/v1/audit?cursor=not-a-cursor').set(s.as('admin')).expect(400);
    await t.http.get('/v1/audit?limit=501').set(s.as('admin')).expect(400);
    await t.http.get('/v1/audit?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z').set(s.as('admin')).expect(400);
  });

  it('detects a row altered in SQL, through the API and the CLI', async () => {
    const cli = await cliVerify(t.db.url, ['--tenant', 'audited']);
    expect([cli.code, cli.output]).toEqual([0, expect.stringMatching(/is valid/)]);
    await rows(`UPDATE audit_log SET details = '{"role":"owner"}' WHERE tenant_id = 'audited' AND seq = 5`);
    const verify = await t.http.get('/v1/audit/verify').set(s.as('admin')).expect(200);
    expect(verify.body).toEqual({ valid: false, firstBadSeq: 5, reason: 'row altered, removed or out of order' });
    const broken = await cliVerify(t.db.url, ['--tenant', 'audited']);
    expect(broken.code).toBe(1);
    expect(broken.output).toMatch(/first bad seq 5\b/);
  });

  it('detects a deleted tail row', async () => {
    const last = Number((await rows(`SELECT max(seq) AS seq FROM audit_log WHERE tenant_id = 'other'`))[0].seq);
    await rows(`DELETE FROM audit_log WHERE tenant_id = 'other' AND seq = $1`, [last]);
    const verify = await t.http.get('/v1/audit/verify').set(other.as('admin')).expect(200);
    expect(verify.body).toEqual({ valid: false, firstBadSeq: last, reason: 'rows missing below the head' });
    const cli = await cliVerify(t.db.url, ['--tenant', 'other']);
    expect([cli.code, cli.output]).toEqual([1, expect.stringMatching(new RegExp(`first bad seq ${last}\\b`))]);
  });
});
