import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit chain becomes keyed (HMAC-SHA256 with AUDIT_HMAC_KEY, `hash_version` 2). Rows written before
 * stay as they are, `hash_version` 1 (plain SHA-256), and keep verifying: each chain's `legacy_seq`
 * records how far they reach, and the first keyed row chains onto the last of them. The application's
 * role may set neither: it inserts heads and moves their seq and hash only, so it can never widen the
 * legacy range that verify accepts unkeyed rows in.
 *
 * A partial index serves the per-caller count of denied rows on the platform chain.
 */
export class KeyedAuditChain1795656846929 implements MigrationInterface {
  name = 'KeyedAuditChain1795656846929';

  async up(db: QueryRunner): Promise<void> {
    // Every chain's head, whatever tenant: the owner obeys row-level security too.
    await db.query(`SELECT set_config('app.cross_tenant', 'on', true)`);
    await db.query(`ALTER TABLE audit_log ADD COLUMN hash_version smallint NOT NULL DEFAULT 1 CHECK (hash_version IN (1, 2))`);
    await db.query(`ALTER TABLE audit_log ALTER COLUMN hash_version DROP DEFAULT`);
    await db.query(`ALTER TABLE audit_chain_heads ADD COLUMN legacy_seq bigint NOT NULL DEFAULT 0`);
    await db.query(`UPDATE audit_chain_heads SET legacy_seq = seq`);
    await db.query(`REVOKE INSERT, UPDATE ON audit_chain_heads FROM admin_api_app`);
    await db.query(`GRANT INSERT (chain_key, tenant_id, seq, hash), UPDATE (seq, hash) ON audit_chain_heads TO admin_api_app`);
    await db.query(`CREATE INDEX audit_log_platform_denials_idx ON audit_log (actor_id, at) WHERE tenant_id IS NULL AND outcome = 'denied'`);
  }

  /** Without the column every row is judged as legacy again: chains that hold keyed rows stop verifying on the code before. */
  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX audit_log_platform_denials_idx`);
    await db.query(`REVOKE INSERT (chain_key, tenant_id, seq, hash), UPDATE (seq, hash) ON audit_chain_heads FROM admin_api_app`);
    await db.query(`GRANT INSERT, UPDATE ON audit_chain_heads TO admin_api_app`);
    await db.query(`ALTER TABLE audit_chain_heads DROP COLUMN legacy_seq`);
    await db.query(`ALTER TABLE audit_log DROP COLUMN hash_version`);
  }
}
