import { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateTenantTable } from './tenant-isolation.js';

const TABLES = ['user_signals', 'incidents'] as const;

/**
 * Read models of the signals whose size follows subjects and days, never events (a device farm sends one
 * fresh user–device pair per event, and `signal_incidents` holds one row per such pair):
 *
 * - `user_signals`: per user and signal, the first and last time an incident of it occurred. Risk, signal
 *   lists and fraud stats read it: at most users × 4 rows.
 * - `incidents`: one per signal, subject (the fingerprint for device_shared and velocity, the user for
 *   impossible_travel and account_sharing) and UTC day, updated in place, with the tenant's triage
 *   (`status`, `note`) that updates never touch.
 *
 * Both are built from the incidents already recorded, so the migration runs on a populated store.
 */
export class BoundedIncidents1763827200000 implements MigrationInterface {
  name = 'BoundedIncidents1763827200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE user_signals (
        tenant_id text NOT NULL,
        user_id text COLLATE "C" NOT NULL,
        signal text NOT NULL,
        first_at timestamptz NOT NULL,
        last_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, user_id, signal)
      ) WITH (fillfactor = 80)`);
    // Users with a signal in a window reaching the present: one index range, index-only.
    await db.query(`CREATE INDEX user_signals_last_at_idx ON user_signals (tenant_id, last_at) INCLUDE (user_id, signal, first_at)`);

    await db.query(`
      CREATE TABLE incidents (
        tenant_id text NOT NULL,
        id bigint GENERATED ALWAYS AS IDENTITY,
        signal text NOT NULL CHECK (signal IN ('impossible_travel', 'device_shared', 'account_sharing', 'velocity')),
        subject_type text NOT NULL CHECK (subject_type IN ('user', 'fingerprint')),
        subject_id text COLLATE "C" NOT NULL,
        day date NOT NULL,
        first_seen_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        occurrences bigint NOT NULL,
        users text[] NOT NULL,
        magnitude double precision NOT NULL,
        evidence jsonb NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'dismissed')),
        note text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, signal, subject_id, day)
      ) WITH (fillfactor = 80)`);
    await db.query(`CREATE INDEX incidents_last_seen_idx ON incidents (tenant_id, last_seen_at, id)`);

    for (const table of TABLES) await isolateTenantTable(db, table);
    await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON user_signals TO admin_api_app`);
    await db.query(`GRANT SELECT, INSERT, UPDATE ON incidents TO admin_api_app`);

    await db.query(`SELECT set_config('app.cross_tenant', 'on', true)`);
    await db.query(`
      INSERT INTO user_signals (tenant_id, user_id, signal, first_at, last_at)
      SELECT tenant_id, user_id, signal, min(occurred_at), max(occurred_at) FROM signal_incidents GROUP BY 1, 2, 3`);
    await db.query(`
      INSERT INTO incidents (tenant_id, signal, subject_type, subject_id, day, first_seen_at, last_seen_at, occurrences, users, magnitude, evidence)
      SELECT tenant_id, signal, subject_type, subject_id, day, min(least(started_at, occurred_at)), max(occurred_at), count(*),
             (array_agg(DISTINCT user_id))[1:100], max(magnitude), (array_agg(evidence ORDER BY magnitude DESC, occurred_at DESC))[1]
      FROM (SELECT i.*, CASE WHEN signal IN ('device_shared', 'velocity') THEN 'fingerprint' ELSE 'user' END AS subject_type,
                   CASE signal WHEN 'device_shared' THEN incident_key WHEN 'velocity' THEN split_part(incident_key, '@', 1) ELSE user_id END AS subject_id,
                   (occurred_at AT TIME ZONE 'UTC')::date AS day
            FROM signal_incidents i) f
      GROUP BY tenant_id, signal, subject_type, subject_id, day`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await db.query(`DROP TABLE ${table}`);
  }
}
