import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CompactSign, compactVerify, createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet } from 'jose';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { adminKeyHeaders, createTenantSession, type TenantSession } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { cliVerify } from './audit-cli.js';

describe('signed audit checkpoints', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    t = await startTestApp();
    dir = await mkdtemp(path.join(tmpdir(), 'audit-checkpoints-'));
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** A tenant whose chain has the session's own rows plus `extra` more. */
  async function tenantWithRows(tenantId: string, extra: number): Promise<TenantSession> {
    const session = await createTenantSession(t, tenantId);
    await appendRows(session, extra);
    return session;
  }
  async function appendRows(session: TenantSession, count: number): Promise<void> {
    for (let i = 0; i < count; i += 1) {
      await t.http.put(`/v1/members/user_row_${i}_${Date.now()}`).set(session.as('owner')).send({ role: 'viewer' }).expect(201);
    }
  }
  const takeCheckpoint = async (session: TenantSession): Promise<string> =>
    (await t.http.get('/v1/audit/checkpoint').set(session.as('admin')).expect(200)).body.checkpoint;
  const verifyAgainst = (session: TenantSession, checkpoint: string) => t.http.get('/v1/audit/verify').query({ checkpoint }).set(session.as('admin'));
  const saved = async (checkpoint: string): Promise<string> => {
    const file = path.join(dir, `${Math.random().toString(36).slice(2)}.jws`);
    await writeFile(file, `${checkpoint}\n`);
    return file;
  };
  const lastSeq = async (tenantId: string) =>
    (await t.db.sql<{ seq: number }>(`SELECT max(seq)::int AS seq FROM audit_log WHERE tenant_id = $1`, [tenantId]))[0].seq;
  /** What someone with write access to the database does to hide the last rows: delete them and move the head back. */
  async function cutTail(tenantId: string, keep: number): Promise<void> {
    await t.db.sql(`DELETE FROM audit_log WHERE tenant_id = $1 AND seq > $2`, [tenantId, keep]);
    await t.db.sql(`UPDATE audit_chain_heads h SET seq = l.seq, hash = l.hash FROM audit_log l WHERE h.chain_key = $1 AND l.tenant_id = $1 AND l.seq = $2`, [
      tenantId,
      keep,
    ]);
  }

  it("signs the chain's head with the service key, verifiable with the published JWKS", async () => {
    const s = await tenantWithRows('cp_signed', 2);
    const checkpoint = await takeCheckpoint(s);
    const jwks = (await t.http.get('/.well-known/jwks.json').expect(200)).body as JSONWebKeySet;
    const { payload, protectedHeader } = await compactVerify(checkpoint, createLocalJWKSet(jwks));
    expect(protectedHeader).toEqual({ alg: 'ES256', kid: jwks.keys[0].kid, typ: 'audit-checkpoint' });
    const [head] = await t.db.sql(
      `SELECT tenant_id AS "tenantId", seq::int, hash, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at
         FROM audit_log WHERE tenant_id = 'cp_signed' ORDER BY seq DESC LIMIT 1`,
    );
    expect(JSON.parse(Buffer.from(payload).toString())).toEqual(head);
    expect(head).toMatchObject({ seq: 5, at: expect.stringMatching(/\.\d{6}Z$/) });
    await t.http.get('/v1/audit/checkpoint').set(s.as('editor')).expect(403);
  });

  it('holds while the chain only grows, through the API and the CLI', async () => {
    const s = await tenantWithRows('cp_grows', 1);
    const checkpoint = await takeCheckpoint(s);
    await appendRows(s, 3);
    const rows = await lastSeq('cp_grows');
    expect((await verifyAgainst(s, checkpoint).expect(200)).body).toEqual({ valid: true, rows });
    const cli = await cliVerify(t.db.url, ['--tenant', 'cp_grows', '--checkpoint', await saved(checkpoint)]);
    expect([cli.code, cli.output]).toEqual([0, expect.stringMatching(/is valid: \d+ rows, and holds the checkpoint at seq 4/)]);
  });

  it('catches a tail cut with its head moved back, which the chain alone cannot show', async () => {
    const s = await tenantWithRows('cp_cut', 4);
    const checkpoint = await takeCheckpoint(s);
    await cutTail('cp_cut', 5);
    expect((await t.http.get('/v1/audit/verify').set(s.as('admin')).expect(200)).body).toEqual({ valid: true, rows: 5 });
    expect((await verifyAgainst(s, checkpoint).expect(200)).body).toEqual({ valid: false, firstBadSeq: 6, reason: 'chain shorter than checkpoint' });
    const cli = await cliVerify(t.db.url, ['--tenant', 'cp_cut', '--checkpoint', await saved(checkpoint)]);
    expect([cli.code, cli.output]).toEqual([1, expect.stringMatching(/first bad seq 6 \(chain shorter than checkpoint\)/)]);
  });

  it('catches a cut tail that has grown back past the checkpoint', async () => {
    const s = await tenantWithRows('cp_regrown', 3);
    const checkpoint = await takeCheckpoint(s);
    await cutTail('cp_regrown', 4);
    await appendRows(s, 4);
    expect((await t.http.get('/v1/audit/verify').set(s.as('admin')).expect(200)).body.valid).toBe(true);
    expect((await verifyAgainst(s, checkpoint).expect(200)).body).toEqual({ valid: false, firstBadSeq: 6, reason: 'row differs from the checkpoint' });
  });

  it('catches the last row deleted together with the head record', async () => {
    const s = await tenantWithRows('cp_headless', 2);
    const checkpoint = await takeCheckpoint(s);
    await t.db.sql(`DELETE FROM audit_log WHERE tenant_id = 'cp_headless' AND seq = 5`);
    await t.db.sql(`DELETE FROM audit_chain_heads WHERE chain_key = 'cp_headless'`);
    expect((await verifyAgainst(s, checkpoint).expect(200)).body).toEqual({ valid: false, firstBadSeq: 5, reason: 'chain shorter than checkpoint' });
    expect((await t.http.get('/v1/audit/verify').set(s.as('admin')).expect(200)).body).toEqual({
      valid: false,
      firstBadSeq: 5,
      reason: 'chain head missing',
    });
    const cli = await cliVerify(t.db.url, ['--tenant', 'cp_headless', '--checkpoint', await saved(checkpoint)]);
    expect([cli.code, cli.output]).toEqual([1, expect.stringMatching(/chain shorter than checkpoint/)]);
  });

  it('catches a wiped chain', async () => {
    const s = await tenantWithRows('cp_wiped', 0);
    const checkpoint = await takeCheckpoint(s);
    await t.db.sql(`DELETE FROM audit_log WHERE tenant_id = 'cp_wiped'`);
    await t.db.sql(`DELETE FROM audit_chain_heads WHERE chain_key = 'cp_wiped'`);
    expect((await t.http.get('/v1/audit/verify').set(s.as('admin')).expect(200)).body).toEqual({ valid: true, rows: 0 });
    expect((await verifyAgainst(s, checkpoint).expect(200)).body).toEqual({ valid: false, firstBadSeq: 1, reason: 'chain shorter than checkpoint' });
    const cli = await cliVerify(t.db.url, ['--tenant', 'cp_wiped', '--checkpoint', await saved(checkpoint)]);
    expect([cli.code, cli.output]).toEqual([1, expect.stringMatching(/first bad seq 1 \(chain shorter than checkpoint\)/)]);
  });

  describe('refuses what is not a checkpoint of this tenant with 400 invalid_checkpoint', () => {
    let s: TenantSession;
    let own: string;
    beforeAll(async () => {
      s = await tenantWithRows('cp_strict', 0);
      own = await takeCheckpoint(s);
    });
    const refused = async (checkpoint: string, message: string) => {
      const res = await verifyAgainst(s, checkpoint);
      expect([res.status, res.body.code, res.body.message]).toEqual([400, 'invalid_checkpoint', `Invalid checkpoint: ${message}`]);
    };

    it("another tenant's", async () => refused(await takeCheckpoint(await tenantWithRows('cp_foreign', 0)), 'checkpoint of another chain'));

    it('a forged signature or payload', async () => {
      const [protectedHeader, payload, signature] = own.split('.');
      const flipped = `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
      await refused(`${protectedHeader}.${payload}.${flipped}`, 'signature does not verify');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const forged = Buffer.from(JSON.stringify({ ...claims, seq: 1 })).toString('base64url');
      await refused(`${protectedHeader}.${forged}.${signature}`, 'signature does not verify');
    });

    it('one signed by a key the service never had, under its kid', async () => {
      const { kid } = decodeProtectedHeader(own);
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const payload = own.split('.')[1];
      const foreign = await new CompactSign(Buffer.from(payload, 'base64url'))
        .setProtectedHeader({ alg: 'ES256', kid, typ: 'audit-checkpoint' })
        .sign(privateKey);
      await refused(foreign, 'signature does not verify');
    });

    it('a service JWT, which the same key signs', async () => {
      const created = await t.http
        .post('/v1/tokens')
        .set(adminKeyHeaders('cp_strict'))
        .send({ name: 'exchange', kind: 'secret', scopes: ['events:read'] })
        .expect(201);
      const exchanged = await t.http.post('/v1/auth/token').send({ apiKey: created.body.token }).expect(200);
      await refused(exchanged.body.token, 'not an audit checkpoint (typ JWT)');
    });

    it('garbage', async () => {
      await refused('not-a-checkpoint', 'not a compact JWS');
      await refused('a.b.c', 'not a compact JWS');
    });

    it('and the CLI refuses it too, with its own exit code', async () => {
      const other = await takeCheckpoint(await tenantWithRows('cp_foreign_cli', 0));
      const cli = await cliVerify(t.db.url, ['--tenant', 'cp_strict', '--checkpoint', await saved(other)]);
      expect([cli.code, cli.output]).toEqual([2, expect.stringMatching(/not valid for the tenant cp_strict: checkpoint of another chain/)]);
    });
  });

  it('answers a repeated checkpoint parameter with a validation error, not a 500', async () => {
    const s = await tenantWithRows('cp_params', 0);
    const res = await t.http.get('/v1/audit/verify?checkpoint=a&checkpoint=b').set(s.as('admin'));
    expect([res.status, res.body.code]).toEqual([400, 'validation_failed']);
  });
});
