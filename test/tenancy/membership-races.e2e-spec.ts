import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import type { Role } from '../../libs/database/src/index.js';
import { adminKeyHeaders, createTenantSession, type TenantSession } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Enough rounds that an interleaving the lock does not cover shows up on every run, not now and then. */
const ROUNDS = 20;

/**
 * Every round races a change against requests of the member it affects, all in flight at once. Whatever
 * order the server picks, the end state must be one that some serial order of the requests explains.
 */
describe('membership changes race the requests of the members they affect', () => {
  let t: TestApp;
  let s: TenantSession;

  beforeAll(async () => {
    t = await startTestApp();
    s = await createTenantSession(t, 'races');
  });
  afterAll(async () => {
    await t.close();
  });

  const headersOf = async (userId: string, tenantId = s.tenantId) => ({
    Authorization: `Bearer ${await t.issuer.sign(userId)}`,
    'X-Organization-Id': tenantId,
  });
  const putMember = (headers: Record<string, string>, userId: string, role: Role) => t.http.put(`/v1/members/${userId}`).set(headers).send({ role });
  const removeMember = (headers: Record<string, string>, userId: string) => t.http.delete(`/v1/members/${userId}`).set(headers);
  const answer = (res: Response) => (res.status < 400 ? String(res.status) : `${res.status} ${res.body.code}`);

  async function rolesIn(tenantId: string): Promise<Map<string, string>> {
    const res = await t.http.get('/v1/members?limit=500').set(adminKeyHeaders(tenantId)).expect(200);
    return new Map((res.body.data as Array<{ userId: string; role: string }>).map((member) => [member.userId, member.role]));
  }

  /** The audit seq of the change a successful request committed: its place in the tenant's serial order. */
  async function committedAt(res: Response): Promise<number> {
    const rows = await t.db.sql<{ seq: string }>(`SELECT seq FROM audit_log WHERE request_id = $1 AND outcome = 'ok'`, [res.headers['x-request-id']]);
    expect(rows).toHaveLength(1);
    return Number(rows[0].seq);
  }

  it.each(['owner', 'admin'] as const)('a removed %s stays removed while its own re-grants were in flight', async (role) => {
    const rounds: Array<{ removal: string; own: string[]; after: string | undefined }> = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const victim = `user_removed_${role}_${round}`;
      await putMember(s.as('owner'), victim, role).expect(201);
      const victimHeaders = await headersOf(victim);
      const [removal, ...own] = await Promise.all([
        removeMember(s.as('owner'), victim),
        putMember(victimHeaders, victim, role),
        putMember(victimHeaders, victim, role),
      ]);
      rounds.push({ removal: answer(removal), own: own.map(answer), after: (await rolesIn(s.tenantId)).get(victim) });
    }
    const inconsistent = rounds.filter(
      ({ removal, own, after }) => removal !== '204' || after !== undefined || own.some((status) => !['200', '403 membership_required'].includes(status)),
    );
    expect(inconsistent).toEqual([]);
  });

  it('a demoted admin stays demoted while its own re-promotions were in flight', async () => {
    const rounds: Array<{ demotion: string; own: string[]; after: string | undefined }> = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const victim = `user_demoted_${round}`;
      await putMember(s.as('owner'), victim, 'admin').expect(201);
      const victimHeaders = await headersOf(victim);
      const [demotion, ...own] = await Promise.all([
        putMember(s.as('owner'), victim, 'viewer'),
        putMember(victimHeaders, victim, 'admin'),
        putMember(victimHeaders, victim, 'admin'),
      ]);
      rounds.push({ demotion: answer(demotion), own: own.map(answer), after: (await rolesIn(s.tenantId)).get(victim) });
    }
    const inconsistent = rounds.filter(
      ({ demotion, own, after }) => demotion !== '200' || after !== 'viewer' || own.some((status) => !['200', '403 role_required'].includes(status)),
    );
    expect(inconsistent).toEqual([]);
  });

  it('a removed admin’s tenant settings change either committed before the removal or is refused', async () => {
    const rounds: Array<{ removal: string; rename: string; renamedBeforeRemoval?: boolean }> = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const victim = `user_renamer_${round}`;
      await putMember(s.as('owner'), victim, 'admin').expect(201);
      const victimHeaders = await headersOf(victim);
      const [removal, rename] = await Promise.all([
        removeMember(s.as('owner'), victim),
        t.http
          .patch('/v1/tenant')
          .set(victimHeaders)
          .send({ name: `Renamed by ${victim}` }),
      ]);
      const outcome: (typeof rounds)[number] = { removal: answer(removal), rename: answer(rename) };
      if (removal.status === 204 && rename.status === 200) outcome.renamedBeforeRemoval = (await committedAt(rename)) < (await committedAt(removal));
      rounds.push(outcome);
    }
    const inconsistent = rounds.filter(
      ({ removal, rename, renamedBeforeRemoval }) =>
        removal !== '204' || !(rename === '403 membership_required' || (rename === '200' && renamedBeforeRemoval === true)),
    );
    expect(inconsistent).toEqual([]);
  });

  it('two owners removing each other never both go', async () => {
    const rounds: Array<{ answers: string[]; left: string[] }> = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const [first, second] = [`user_mutual_a_${round}`, `user_mutual_b_${round}`];
      await putMember(s.as('owner'), first, 'owner').expect(201);
      await putMember(s.as('owner'), second, 'owner').expect(201);
      const results = await Promise.all([removeMember(await headersOf(first), second), removeMember(await headersOf(second), first)]);
      const roles = await rolesIn(s.tenantId);
      rounds.push({ answers: results.map(answer).sort(), left: [first, second].filter((userId) => roles.get(userId) === 'owner') });
    }
    const inconsistent = rounds.filter(({ answers, left }) => answers.join() !== '204,403 membership_required' || left.length !== 1);
    expect(inconsistent).toEqual([]);
  });

  it('the only two owners removing each other leave exactly one owner', async () => {
    const rounds: Array<{ answers: string[]; owners: string[] }> = [];
    for (let round = 0; round < ROUNDS / 2; round += 1) {
      const tenantId = `pair_${round}`;
      const [first, second] = [`user_pair_a_${round}`, `user_pair_b_${round}`];
      await t.http.post('/v1/platform/tenants').set(adminKeyHeaders()).send({ id: tenantId, name: tenantId, ownerUserId: first }).expect(201);
      const [firstHeaders, secondHeaders] = [await headersOf(first, tenantId), await headersOf(second, tenantId)];
      await putMember(firstHeaders, second, 'owner').expect(201);
      const results = await Promise.all([removeMember(firstHeaders, second), removeMember(secondHeaders, first)]);
      const owners = [...(await rolesIn(tenantId))].filter(([, role]) => role === 'owner').map(([userId]) => userId);
      rounds.push({ answers: results.map(answer).sort(), owners });
    }
    const inconsistent = rounds.filter(({ answers, owners }) => answers.join() !== '204,403 membership_required' || owners.length !== 1);
    expect(inconsistent).toEqual([]);
  });
});
