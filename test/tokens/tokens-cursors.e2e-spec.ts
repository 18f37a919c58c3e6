import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { crowdIntoOneMillisecond, expectCursorContract, expectEveryRowOnce, firstCursor, type GetPage } from '../support/cursors.js';
import { createTenantSession, type TenantSession } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createToken } from '../support/tokens.js';

describe('GET /v1/tokens pages', () => {
  let t: TestApp;
  let a: TenantSession;
  let b: TenantSession;
  const tokensOf =
    (session: TenantSession): GetPage<{ id: string; createdAt: string }> =>
    (query) =>
      t.http.get('/v1/tokens').query(query).set(session.as('admin'));

  beforeAll(async () => {
    t = await startTestApp();
    a = await createTenantSession(t, 'tok_pages_a');
    b = await createTenantSession(t, 'tok_pages_b');
    for (let i = 0; i < 10; i += 1) await createToken(t, a.as('admin'), { name: `token ${i}` });
    for (let i = 0; i < 2; i += 1) await createToken(t, b.as('admin'), { name: `token ${i}` });
    await crowdIntoOneMillisecond(t.db, 'api_tokens', 'created_at', 'id', 'tenant_id = $2', '2026-11-20T10:00:00.000100Z', [a.tenantId]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('walks every token once, newest first, through ties and microseconds', async () => {
    const ids = await expectEveryRowOnce(tokensOf(a), {}, (token) => token.id);
    const stored = await t.db.sql<{ id: string }>(`SELECT id FROM api_tokens WHERE tenant_id = $1 ORDER BY created_at DESC, id DESC`, [a.tenantId]);
    expect(ids).toEqual(stored.map((row) => row.id));
  });

  it('refuses cursors it did not issue for this list and tenant, and bad limits', async () => {
    const members = await firstCursor((query) => t.http.get('/v1/members').query(query).set(a.as('admin')));
    await expectCursorContract(
      tokensOf(a),
      {},
      ['timestamp', 'text'],
      [
        { label: "another tenant's tokens", cursor: await firstCursor(tokensOf(b)) },
        { label: 'the members list', cursor: members },
      ],
    );
  });
});
