import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectCursorContract, expectEveryRowOnce, firstCursor, type GetPage } from '../support/cursors.js';
import { createTenantSession, type TenantSession } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createToken } from '../support/tokens.js';

describe('GET /v1/audit pages', () => {
  let t: TestApp;
  let a: TenantSession;
  let b: TenantSession;
  const auditOf =
    (session: TenantSession): GetPage<{ seq: number }> =>
    (query) =>
      t.http.get('/v1/audit').query(query).set(session.as('admin'));

  beforeAll(async () => {
    t = await startTestApp();
    a = await createTenantSession(t, 'audit_pages_a');
    b = await createTenantSession(t, 'audit_pages_b');
    for (let i = 0; i < 7; i += 1) await createToken(t, a.as('admin'), { name: `token ${i}` });
  });
  afterAll(async () => {
    await t.close();
  });

  it('walks every row once, newest first by default and oldest first with order=asc', async () => {
    const stored = (await t.db.sql<{ seq: string }>(`SELECT seq FROM audit_log WHERE tenant_id = $1 ORDER BY seq`, [a.tenantId])).map((row) => row.seq);
    expect(stored.length).toBeGreaterThanOrEqual(10);
    expect(await expectEveryRowOnce(auditOf(a), {}, (row) => String(row.seq))).toEqual([...stored].reverse());
    expect(await expectEveryRowOnce(auditOf(a), { order: 'desc' }, (row) => String(row.seq))).toEqual([...stored].reverse());
    expect(await expectEveryRowOnce(auditOf(a), { order: 'asc' }, (row) => String(row.seq))).toEqual(stored);
  });

  it('refuses cursors it did not issue for this list, order and tenant, and bad limits', async () => {
    const foreign = async (query: Record<string, string>) => [
      { label: 'the other order', cursor: await firstCursor(auditOf(a), { order: query.order === 'asc' ? 'desc' : 'asc' }) },
      { label: "another tenant's audit", cursor: await firstCursor(auditOf(b), query) },
      { label: 'the tokens list', cursor: await firstCursor((page) => t.http.get('/v1/tokens').query(page).set(a.as('admin'))) },
    ];
    for (const query of [{}, { order: 'asc' }] as Array<Record<string, string>>)
      await expectCursorContract(auditOf(a), query, ['bigint'], await foreign(query));
  });

  it('refuses an order other than asc or desc', async () => {
    const res = await auditOf(a)({ order: 'newest' });
    expect([res.status, res.body.code]).toEqual([400, 'validation_failed']);
  });
});
