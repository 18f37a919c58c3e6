import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, createHmac } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { type AuditRecord, canonicalJson } from '../../libs/audit/src/index.js';
import { dataSourceOptions, runMigrations } from '../../libs/database/src/index.js';
import { KeyedAuditChain1795656846929 } from '../../libs/database/src/migrations/1795656846929-KeyedAuditChain.js';
import { adminKeyHeaders, createTenantSession, type TenantSession } from '../support/session.js';
import { createTestDatabase, startTestApp, TEST_AUDIT_HMAC_KEY, type TestApp, type TestDatabase } from '../support/test-app.js';
import { cliVerify } from './audit-cli.js';

const AT_TEXT = `to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const hashedFields = ({ tenantId, seq, at, actorType, actorId, operation, entityType, entityId, outcome, requestId, ip, details, hashPrev }: AuditRecord) => ({
  tenantId,
  seq,
  at,
  actorType,
  actorId,
  operation,
  entityType,
  entityId,
  outcome,
  requestId,
  ip,
  details,
  hashPrev,
});
/** The hash rows had before the chain was keyed: SHA-256, `at` to the millisecond. */
const sha256Hash = (row: AuditRecord) =>
  createHash('sha256')
    .update(canonicalJson({ ...hashedFields(row), at: new Date(row.at).toISOString() }))
    .digest('hex');
const hmacHash = (key: string) => (row: AuditRecord) =>
  createHmac('sha256', key)
    .update(canonicalJson({ hashVersion: 2, ...hashedFields(row) }))
    .digest('hex');

async function storedRows(db: TestDatabase, tenantId: string): Promise<AuditRecord[]> {
  return db.sql<AuditRecord>(
    `SELECT tenant_id AS "tenantId", seq::int, ${AT_TEXT} AS at, actor_type AS "actorType", actor_id AS "actorId", operation,
            entity_type AS "entityType", entity_id AS "entityId", outcome, request_id AS "requestId", ip, details,
            hash_prev AS "hashPrev", hash_version AS "hashVersion", hash
       FROM audit_log WHERE tenant_id = $1 ORDER BY seq`,
    [tenantId],
  );
}

/**
 * What someone with write access to the database but without the key does to rewrite history: change a
 * row, then recompute every hash from it onwards (with whatever algorithm they can run) and the head.
 */
async function rewriteFrom(
  db: TestDatabase,
  tenantId: string,
  seq: number,
  change: (row: AuditRecord) => AuditRecord,
  hashVersion: AuditRecord['hashVersion'],
  hash: (row: AuditRecord) => string,
  throughSeq = Infinity,
) {
  const rows = await storedRows(db, tenantId);
  let previous = rows[seq - 2]?.hash ?? '0'.repeat(64);
  for (const original of rows.slice(seq - 1, throughSeq)) {
    const row = { ...(original.seq === seq ? change(original) : original), hashPrev: previous, hashVersion };
    row.hash = hash(row);
    await db.sql(`UPDATE audit_log SET at = $3, details = $4, hash_prev = $5, hash_version = $6, hash = $7 WHERE tenant_id = $1 AND seq = $2`, [
      tenantId,
      row.seq,
      row.at,
      JSON.stringify(row.details),
      row.hashPrev,
      row.hashVersion,
      row.hash,
    ]);
    previous = row.hash;
  }
  await db.sql(`UPDATE audit_chain_heads SET hash = $2 WHERE chain_key = $1`, [tenantId, previous]);
}

const grantedOwner = (row: AuditRecord): AuditRecord => ({ ...row, details: { ...row.details, role: 'owner' } });

describe('the keyed audit chain', () => {
  let t: TestApp;
  const verify = async (session: TenantSession) => (await t.http.get('/v1/audit/verify').set(session.as('admin')).expect(200)).body;

  beforeAll(async () => {
    t = await startTestApp();
    await createTenantSession(t, 'keyed');
  });
  afterAll(async () => {
    await t.close();
  });

  it('writes every row as version 2: an HMAC keyed with AUDIT_HMAC_KEY over the stored microseconds', async () => {
    const rows = await storedRows(t.db, 'keyed');
    expect(rows.length).toBeGreaterThan(2);
    for (const row of rows) {
      expect(row).toMatchObject({
        hashVersion: 2,
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/),
        hash: hmacHash(TEST_AUDIT_HMAC_KEY)(row),
      });
    }
  });

  it('detects a change of one microsecond in a stored time', async () => {
    const session = await createTenantSession(t, 'keyed_micro');
    await t.db.sql(`UPDATE audit_log SET at = at + interval '1 microsecond' WHERE tenant_id = 'keyed_micro' AND seq = 2`);
    expect(await verify(session)).toEqual({ valid: false, firstBadSeq: 2, reason: 'row altered, removed or out of order' });
  });

  it('detects rows rewritten and re-hashed with plain SHA-256, posing as legacy rows', async () => {
    const session = await createTenantSession(t, 'keyed_downgrade');
    await rewriteFrom(t.db, 'keyed_downgrade', 2, (row) => grantedOwner({ ...row, at: new Date(row.at).toISOString().replace('Z', '000Z') }), 1, sha256Hash);
    expect(await verify(session)).toEqual({ valid: false, firstBadSeq: 2, reason: 'row altered, removed or out of order' });
  });

  it('detects rows re-hashed with any other key, through the API and the CLI', async () => {
    const session = await createTenantSession(t, 'keyed_guess');
    await rewriteFrom(t.db, 'keyed_guess', 2, grantedOwner, 2, hmacHash('a-guessed-key-0123456789abcdef0123456789'));
    expect(await verify(session)).toEqual({ valid: false, firstBadSeq: 2, reason: 'row altered, removed or out of order' });
    const cli = await cliVerify(t.db.url, ['--tenant', 'keyed_guess']);
    expect([cli.code, cli.output]).toEqual([1, expect.stringMatching(/first bad seq 2\b/)]);
    await rewriteFrom(t.db, 'keyed_guess', 2, (row) => row, 2, hmacHash(TEST_AUDIT_HMAC_KEY));
    expect((await verify(session)).valid).toBe(true);
  });

  it('the CLI needs the key, and judges with the one it is given', async () => {
    const missing = await cliVerify(t.db.url, ['--tenant', 'keyed'], {});
    expect([missing.code, missing.output]).toEqual([2, expect.stringMatching(/AUDIT_HMAC_KEY \(at least 32 characters\) is required/)]);
    const wrong = await cliVerify(t.db.url, ['--tenant', 'keyed'], { AUDIT_HMAC_KEY: 'another-key-0123456789abcdef0123456789' });
    expect([wrong.code, wrong.output]).toEqual([1, expect.stringMatching(/first bad seq 1\b/)]);
  });
});

describe('a chain written before the chain was keyed', () => {
  let db: TestDatabase;
  let t: TestApp;
  const owner = (tenantId: string) => `${tenantId}_owner`;
  const ownerHeaders = async (tenantId: string) => ({ Authorization: `Bearer ${await t.issuer.sign(owner(tenantId))}`, 'X-Organization-Id': tenantId });
  const verify = async (tenantId: string) =>
    (
      await t.http
        .get('/v1/audit/verify')
        .set(await ownerHeaders(tenantId))
        .expect(200)
    ).body;

  /** Rows exactly as the writer before made them: `at` from a JavaScript Date, plain SHA-256. */
  async function writeLegacyChain(sql: (text: string, params?: unknown[]) => Promise<unknown>, tenantId: string | null, length: number) {
    let hashPrev = '0'.repeat(64);
    for (let seq = 1; seq <= length; seq += 1) {
      const row: AuditRecord = {
        tenantId,
        seq,
        at: new Date(Date.UTC(2026, 0, 1, 12, 0, seq, 7)).toISOString(),
        actorType: 'member',
        actorId: owner(tenantId ?? 'platform'),
        operation: 'member.upsert',
        entityType: 'member',
        entityId: `user_${seq}`,
        outcome: 'ok',
        requestId: `req-legacy-${seq}`,
        ip: '127.0.0.1',
        details: { role: 'viewer', previousRole: null },
        hashPrev,
        hashVersion: 1,
        hash: '',
      };
      row.hash = sha256Hash(row);
      await sql(
        `INSERT INTO audit_log (tenant_id, seq, at, actor_type, actor_id, operation, entity_type, entity_id, outcome, request_id, ip, details, hash_prev, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
          tenantId,
          seq,
          row.at,
          row.actorType,
          row.actorId,
          row.operation,
          row.entityType,
          row.entityId,
          row.outcome,
          row.requestId,
          row.ip,
          row.details,
          hashPrev,
          row.hash,
        ],
      );
      hashPrev = row.hash;
    }
    await sql(`INSERT INTO audit_chain_heads (chain_key, tenant_id, seq, hash) VALUES ($1, $2, $3, $4)`, [tenantId ?? '', tenantId, length, hashPrev]);
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    // Back to the schema an existing deployment has (this also runs the migration's `down`), write its chains, upgrade.
    const dataSource = new DataSource(dataSourceOptions(db.url));
    await dataSource.initialize();
    const applied = async () => (await dataSource.query(`SELECT 1 FROM typeorm_migrations WHERE name = $1`, [KeyedAuditChain1795656846929.name])).length > 0;
    while (await applied()) await dataSource.undoLastMigration({ transaction: 'each' });
    for (const tenantId of ['legacy_pinned', 'legacy_downgrade']) {
      await dataSource.query(`INSERT INTO tenants (id, name) VALUES ($1, $1)`, [tenantId]);
      await dataSource.query(`INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, 'owner')`, [tenantId, owner(tenantId)]);
      await writeLegacyChain((text, params) => dataSource.query(text, params), tenantId, 3);
    }
    await writeLegacyChain((text, params) => dataSource.query(text, params), null, 2);
    await dataSource.destroy();
    await runMigrations(db.url);
    t = await startTestApp({}, { db });
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('keeps verifying, and new keyed rows chain onto the last legacy one', async () => {
    expect(await verify('legacy_pinned')).toEqual({ valid: true, rows: 3 });
    for (const userId of ['user_new_a', 'user_new_b']) {
      await t.http
        .put(`/v1/members/${userId}`)
        .set(await ownerHeaders('legacy_pinned'))
        .send({ role: 'viewer' })
        .expect(201);
    }
    const rows = await storedRows(db, 'legacy_pinned');
    expect(rows.map((row) => row.hashVersion)).toEqual([1, 1, 1, 2, 2]);
    expect(rows[3].hashPrev).toBe(rows[2].hash);
    expect(await verify('legacy_pinned')).toEqual({ valid: true, rows: 5 });
    const cli = await cliVerify(db.url, ['--tenant', 'legacy_pinned']);
    expect([cli.code, cli.output]).toEqual([0, expect.stringMatching(/is valid: 5 rows/)]);

    await t.http.post('/v1/platform/tenants').set(adminKeyHeaders()).send({ id: 'after_upgrade', name: 'After', ownerUserId: 'after_owner' }).expect(201);
    const platform = await cliVerify(db.url, ['--platform']);
    expect([platform.code, platform.output]).toEqual([0, expect.stringMatching(/platform chain is valid: 3 rows/)]);
  });

  it('pins the legacy rows under the first keyed one: re-hashing them with SHA-256 no longer passes', async () => {
    await rewriteFrom(db, 'legacy_pinned', 2, grantedOwner, 1, sha256Hash, 3);
    // Re-hashing the keyed rows as well would need the key; left as they are, the first of them no longer links.
    await db.sql(
      `UPDATE audit_chain_heads SET hash = (SELECT hash FROM audit_log WHERE tenant_id = 'legacy_pinned' AND seq = 5) WHERE chain_key = 'legacy_pinned'`,
    );
    expect(await verify('legacy_pinned')).toEqual({ valid: false, firstBadSeq: 4, reason: 'row altered, removed or out of order' });
  });

  it('accepts legacy rows only up to where the chain reached when it was keyed', async () => {
    await t.http
      .put('/v1/members/user_new')
      .set(await ownerHeaders('legacy_downgrade'))
      .send({ role: 'viewer' })
      .expect(201);
    await rewriteFrom(db, 'legacy_downgrade', 4, (row) => grantedOwner({ ...row, at: new Date(row.at).toISOString().replace('Z', '000Z') }), 1, sha256Hash);
    expect(await verify('legacy_downgrade')).toEqual({ valid: false, firstBadSeq: 4, reason: 'row altered, removed or out of order' });
  });

  it("leaves the legacy boundary out of the application role's reach", async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await client.query(`SET ROLE admin_api_app`);
      await client.query(`SELECT set_config('app.cross_tenant', 'on', false)`);
      await expect(client.query(`UPDATE audit_chain_heads SET legacy_seq = 100`)).rejects.toThrow(/permission denied/);
      await expect(client.query(`INSERT INTO audit_chain_heads (chain_key, tenant_id, seq, hash, legacy_seq) VALUES ('x', 'x', 9, 'h', 9)`)).rejects.toThrow(
        /permission denied/,
      );
    } finally {
      await client.end();
    }
  });
});
