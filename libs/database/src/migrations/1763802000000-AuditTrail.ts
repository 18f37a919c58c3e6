import { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateTenantTable } from './tenant-isolation.js';

/**
 * The hash-chained audit trail: one chain per tenant plus the platform chain (tenant_id NULL).
 * `audit_chain_heads` holds each chain's last seq and hash: locking its row serialises writers of one
 * chain (no fork, no gap), and comparing it with the rows reveals a deleted tail.
 * The app role may only read and append: no UPDATE or DELETE grant on audit_log.
 */
export class AuditTrail1763802000000 implements MigrationInterface {
  name = 'AuditTrail1763802000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE audit_log (
        tenant_id text,
        seq bigint NOT NULL CHECK (seq > 0),
        at timestamptz NOT NULL,
        actor_type text NOT NULL,
        actor_id text NOT NULL,
        operation text NOT NULL,
        entity_type text NOT NULL,
        entity_id text,
        outcome text NOT NULL CHECK (outcome IN ('ok', 'denied', 'error')),
        request_id text,
        ip text,
        details jsonb NOT NULL DEFAULT '{}',
        hash_prev text NOT NULL,
        hash text NOT NULL,
        CONSTRAINT audit_log_chain_seq UNIQUE NULLS NOT DISTINCT (tenant_id, seq)
      )`);
    await db.query(`CREATE INDEX audit_log_tenant_at_idx ON audit_log (tenant_id, at DESC)`);
    await db.query(`
      CREATE TABLE audit_chain_heads (
        chain_key text PRIMARY KEY,
        tenant_id text,
        seq bigint NOT NULL,
        hash text NOT NULL
      )`);
    for (const table of ['audit_log', 'audit_chain_heads']) {
      await isolateTenantTable(db, table);
    }
    await db.query(`GRANT SELECT, INSERT ON audit_log TO admin_api_app`);
    await db.query(`GRANT SELECT, INSERT, UPDATE ON audit_chain_heads TO admin_api_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE audit_chain_heads`);
    await db.query(`DROP TABLE audit_log`);
  }
}
