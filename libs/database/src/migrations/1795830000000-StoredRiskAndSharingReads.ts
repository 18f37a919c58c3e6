import { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateTenantTable } from './tenant-isolation.js';

const SIGNALS = ['impossible_travel', 'device_shared', 'account_sharing', 'velocity'];
const WEIGHTS: Record<string, number> = { impossible_travel: 40, device_shared: 25, account_sharing: 20, velocity: 15 };
/** The window start the signals projection scores with: 30 days and one hour before now (see apps/api/src/signals/risk.ts). */
const SCORED_SINCE = `now() - make_interval(hours => 721)`;
const counted = (signal: string) => `${signal}_last >= ${SCORED_SINCE}`;

/**
 * Reads sized by the rows they return, on a device farm's million events (50k users, all flagged):
 * - `user_risk.risk_score`, the 30-day risk score as the signals projection last wrote it, and
 *   `risk_score_expires_at`, when the earliest last occurrence it counts leaves the 30-day window. The
 *   users list sorted by risk walked the index (tenant, score, user) instead of scoring every flagged
 *   user per request (148 ms at 50k); rows past their expiry are rescored from their spans.
 * - `(tenant_id, account_sharing_last DESC, user_id)`: account-sharing pages walk the flagged users in order
 *   instead of grouping every incident of the window (975 ms at 111k incidents).
 * - `account_sharing_fingerprints`: per fingerprint named by account-sharing evidence, its first and last
 *   occurrence, for the fingerprints total without reading every incident's evidence.
 */
export class StoredRiskAndSharingReads1795830000000 implements MigrationInterface {
  name = 'StoredRiskAndSharingReads1795830000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE user_risk
        ADD COLUMN risk_score smallint NOT NULL DEFAULT 0,
        ADD COLUMN risk_score_expires_at timestamptz NOT NULL DEFAULT 'infinity'`);
    await db.query(`SELECT set_config('app.cross_tenant', 'on', true)`);
    await db.query(`
      UPDATE user_risk SET
        risk_score = least(100, ${SIGNALS.map((signal) => `CASE WHEN ${counted(signal)} THEN ${WEIGHTS[signal]} ELSE 0 END`).join(' + ')}),
        risk_score_expires_at = coalesce(least(${SIGNALS.map((signal) => `CASE WHEN ${counted(signal)} THEN ${signal}_last END`).join(', ')}), 'infinity') + make_interval(hours => 720)`);
    await db.query(`CREATE INDEX user_risk_score_idx ON user_risk (tenant_id, risk_score, user_id)`);
    await db.query(`CREATE INDEX user_risk_score_expiry_idx ON user_risk (tenant_id, risk_score_expires_at)`);
    await db.query(
      `CREATE INDEX user_risk_account_sharing_idx ON user_risk (tenant_id, account_sharing_last DESC, user_id) WHERE account_sharing_last IS NOT NULL`,
    );

    await db.query(`
      CREATE TABLE account_sharing_fingerprints (
        tenant_id text NOT NULL,
        fingerprint text COLLATE "C" NOT NULL,
        first_at timestamptz NOT NULL,
        last_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, fingerprint)
      ) WITH (fillfactor = 80)`);
    await db.query(`CREATE INDEX account_sharing_fingerprints_last_at_idx ON account_sharing_fingerprints (tenant_id, last_at) INCLUDE (first_at)`);
    await isolateTenantTable(db, 'account_sharing_fingerprints');
    await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON account_sharing_fingerprints TO admin_api_app`);
    await db.query(`
      INSERT INTO account_sharing_fingerprints (tenant_id, fingerprint, first_at, last_at)
      SELECT i.tenant_id, f.fingerprint, min(i.occurred_at), max(i.occurred_at)
      FROM signal_incidents i CROSS JOIN LATERAL jsonb_array_elements_text(i.evidence->'fingerprints') AS f(fingerprint)
      WHERE i.signal = 'account_sharing'
      GROUP BY i.tenant_id, f.fingerprint`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE account_sharing_fingerprints`);
    await db.query(`DROP INDEX user_risk_account_sharing_idx`);
    await db.query(`DROP INDEX user_risk_score_expiry_idx`);
    await db.query(`DROP INDEX user_risk_score_idx`);
    await db.query(`ALTER TABLE user_risk DROP COLUMN risk_score_expires_at, DROP COLUMN risk_score`);
  }
}
