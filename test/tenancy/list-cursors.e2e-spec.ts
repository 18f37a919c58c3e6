import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectCursorContract, expectEveryRowOnce, firstCursor, type GetPage } from '../support/cursors.js';
import { adminKeyHeaders, createTenantSession, type TenantSession } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Headers = Record<string, string>;

describe('tenancy lists page with cursors', () => {
  let t: TestApp;
  let a: TenantSession;
  let b: TenantSession;
  const membersAs =
    (headers: Headers): GetPage<{ userId: string }> =>
    (query) =>
      t.http.get('/v1/members').query(query).set(headers);
  const tenantsAs =
    (headers: Headers): GetPage<{ id: string; role: string }> =>
    (query) =>
      t.http.get('/v1/platform/tenants').query(query).set(headers);
  const signedIn = async (userId: string): Promise<Headers> => ({ Authorization: `Bearer ${await t.issuer.sign(userId)}` });

  /** Tenants `ownerUserId` owns, created with the admin key. */
  const ownedBy = async (ownerUserId: string, ids: string[]) => {
    for (const id of ids) await t.http.post('/v1/platform/tenants').set(adminKeyHeaders()).send({ id, name: id, ownerUserId }).expect(201);
  };

  beforeAll(async () => {
    t = await startTestApp();
    a = await createTenantSession(t, 'pages_a');
    b = await createTenantSession(t, 'pages_b');
    for (const userId of ['m_1', 'm_2', 'm_3', 'M_4', 'm-5', 'm_6']) {
      await t.http.put(`/v1/members/${userId}`).set(a.as('owner')).send({ role: 'viewer' }).expect(201);
    }
    await ownedBy('multi', ['multi_c', 'multi_a', 'multi_e', 'multi_b', 'multi_d']);
    await ownedBy('other_multi', ['other_x', 'other_y']);
  });
  afterAll(async () => {
    await t.close();
  });

  describe('GET /v1/members', () => {
    it('walks every member once, by user id', async () => {
      const ids = await expectEveryRowOnce(membersAs(a.as('viewer')), {}, (member) => member.userId);
      const stored = await t.db.sql<{ user_id: string }>(`SELECT user_id FROM memberships WHERE tenant_id = $1 ORDER BY user_id`, [a.tenantId]);
      expect(ids).toEqual(stored.map((row) => row.user_id));
      expect(ids).toHaveLength(10);
    });

    it('refuses cursors it did not issue for this list and tenant, and bad limits', async () => {
      await expectCursorContract(
        membersAs(a.as('viewer')),
        {},
        ['text'],
        [
          { label: "another tenant's members", cursor: await firstCursor(membersAs(b.as('viewer'))) },
          { label: 'the platform tenants list', cursor: await firstCursor(tenantsAs(adminKeyHeaders())) },
        ],
      );
    });
  });

  describe('GET /v1/platform/tenants', () => {
    it("walks a member's tenants once each, by id", async () => {
      const ids = await expectEveryRowOnce(tenantsAs(await signedIn('multi')), {}, (tenant) => tenant.id);
      expect(ids).toEqual(['multi_a', 'multi_b', 'multi_c', 'multi_d', 'multi_e']);
    });

    it('walks every tenant once for the platform operators', async () => {
      const stored = (await t.db.sql<{ id: string }>(`SELECT id FROM tenants ORDER BY id`)).map((row) => row.id);
      expect(stored.length).toBeGreaterThan(8);
      for (const operator of [adminKeyHeaders(), await signedIn('user_superadmin')]) {
        expect(await expectEveryRowOnce(tenantsAs(operator), {}, (tenant) => tenant.id)).toEqual(stored);
      }
    });

    it("refuses another caller's cursor, another list's, and bad limits", async () => {
      await expectCursorContract(
        tenantsAs(await signedIn('multi')),
        {},
        ['text'],
        [
          { label: "another member's tenants", cursor: await firstCursor(tenantsAs(await signedIn('other_multi'))) },
          { label: "the admin key's tenants", cursor: await firstCursor(tenantsAs(adminKeyHeaders())) },
          { label: 'the members list', cursor: await firstCursor(membersAs(a.as('viewer'))) },
        ],
      );
    });
  });
});
