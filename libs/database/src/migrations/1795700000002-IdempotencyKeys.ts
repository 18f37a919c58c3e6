import { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateTenantTable } from './tenant-isolation.js';

/** Columns both tables share: one row per key a caller sent, claimed before the work and answered after it. */
const KEY_COLUMNS = `
  caller text NOT NULL,
  key text NOT NULL CHECK (char_length(key) BETWEEN 1 AND 255),
  request_hash bytea NOT NULL,
  claim uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  status_code smallint,
  response bytea`;

/**
 * `Idempotency-Key`s of creating POSTs, kept 24 h, shared by every instance.
 *
 * - `idempotency_keys`: tenant routes, one row per (tenant, caller, key), isolated like every tenant table.
 * - `platform_idempotency_keys`: platform routes (tenant creation) have no tenant and key by caller alone.
 *   Its rows belong to no tenant, so its one policy admits only the explicit cross-tenant mode the platform
 *   routes already run their writes in: a tenant-bound session sees none of it.
 *
 * `response` is the answer's body sealed with a key derived from AUDIT_HMAC_KEY (it may hold a token's
 * plaintext); `created_at` orders the bounded sweep of expired rows.
 */
export class IdempotencyKeys1795700000002 implements MigrationInterface {
  name = 'IdempotencyKeys1795700000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE idempotency_keys (
        tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,${KEY_COLUMNS},
        PRIMARY KEY (tenant_id, caller, key)
      )`);
    await db.query(`CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (tenant_id, created_at)`);
    await isolateTenantTable(db, 'idempotency_keys');
    await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_keys TO admin_api_app`);

    await db.query(`
      CREATE TABLE platform_idempotency_keys (${KEY_COLUMNS},
        PRIMARY KEY (caller, key)
      )`);
    await db.query(`CREATE INDEX platform_idempotency_keys_created_idx ON platform_idempotency_keys (created_at)`);
    await db.query(`ALTER TABLE platform_idempotency_keys ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY`);
    await db.query(`CREATE POLICY platform_only ON platform_idempotency_keys USING (app_private.cross_tenant()) WITH CHECK (app_private.cross_tenant())`);
    await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON platform_idempotency_keys TO admin_api_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE platform_idempotency_keys`);
    await db.query(`DROP TABLE idempotency_keys`);
  }
}
