import { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateTenantTable } from './tenant-isolation.js';

/**
 * device_shared keeps its working state by fingerprint, not by user–fingerprint pair:
 * - `shared_fingerprints` (owned by the signal engine) holds when each fingerprint became shared; it
 *   replaces `fingerprint_stats.shared_since`, which the identity rollups' table carried for the engine.
 * - its per-pair evidence rows in `signal_incidents` go: a device farm (every event a fresh user–device
 *   pair) made one per event, 1.35 million at a million events, and rewriting them bounded processing to
 *   a few hundred events/s. A user's device_shared occurrence on a fingerprint follows from the pair's
 *   rollup (`user_fingerprints`) and the time the fingerprint became shared, so nothing is lost.
 * Reads of one signal's incidents by time get an index. Down rebuilds both from the rollups.
 */
export class SharedFingerprints1795700000000 implements MigrationInterface {
  name = 'SharedFingerprints1795700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE shared_fingerprints (
        tenant_id text NOT NULL,
        fingerprint text COLLATE "C" NOT NULL,
        shared_since timestamptz NOT NULL,
        detected_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, fingerprint)
      ) WITH (fillfactor = 80)`);
    await isolateTenantTable(db, 'shared_fingerprints');
    await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON shared_fingerprints TO admin_api_app`);
    await db.query(`SELECT set_config('app.cross_tenant', 'on', true)`);
    await db.query(`
      INSERT INTO shared_fingerprints (tenant_id, fingerprint, shared_since)
      SELECT tenant_id, fingerprint, shared_since FROM fingerprint_stats WHERE shared_since IS NOT NULL`);
    await db.query(`ALTER TABLE fingerprint_stats DROP COLUMN shared_since`);
    await db.query(`DELETE FROM signal_incidents WHERE signal = 'device_shared'`);
    // Reads of one signal's incidents by time (account sharing, impossible travel in fraud stats).
    await db.query(`CREATE INDEX incidents_signal_last_seen_idx ON incidents (tenant_id, signal, last_seen_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX incidents_signal_last_seen_idx`);
    await db.query(`SELECT set_config('app.cross_tenant', 'on', true)`);
    await db.query(`ALTER TABLE fingerprint_stats ADD COLUMN shared_since timestamptz`);
    await db.query(`
      UPDATE fingerprint_stats f SET shared_since = s.shared_since FROM shared_fingerprints s
      WHERE s.tenant_id = f.tenant_id AND s.fingerprint = f.fingerprint`);
    await db.query(`
      INSERT INTO signal_incidents (tenant_id, user_id, signal, incident_key, started_at, occurred_at, magnitude, evidence, detected_at)
      SELECT uf.tenant_id, uf.user_id, 'device_shared', uf.fingerprint, s.shared_since, greatest(s.shared_since, uf.last_seen), f.user_count,
             jsonb_build_object('fingerprint', uf.fingerprint, 'userCount', f.user_count, 'sharedSince', app_private.iso(s.shared_since)), s.detected_at
      FROM shared_fingerprints s
      JOIN user_fingerprints uf ON uf.tenant_id = s.tenant_id AND uf.fingerprint = s.fingerprint
      JOIN fingerprint_stats f ON f.tenant_id = s.tenant_id AND f.fingerprint = s.fingerprint`);
    await db.query(`DROP TABLE shared_fingerprints`);
  }
}
