import { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateTenantTable } from './tenant-isolation.js';

const TABLES = ['analytics_hours', 'incident_hours', 'risk_hours'] as const;
const SIGNALS = ['impossible_travel', 'device_shared', 'account_sharing', 'velocity'];

/** The UTC hour an instant falls in (independent of the session's time zone). */
const utcHour = (column: string) => `date_trunc('hour', ${column}, 'UTC')`;

/**
 * The time series' rollups, whose size follows tenants × hours, whatever the number of events behind them:
 *
 * - `analytics_hours`: per UTC hour with activity, the `events` stored with a timestamp in it and the
 *   `new_users` whose first event falls in it (a user whose earlier event arrives late moves to that hour).
 * - `incident_hours`: per signal and UTC hour, the incidents whose first event (`first_seen_at`) falls in it,
 *   whatever their status.
 * - `risk_hours`: per series (`any`, or one signal) and UTC hour, the users of `user_risk` whose latest
 *   occurrence (`last_at`, or that signal's) falls in it.
 *
 * All are built from what is stored (events, users, incidents), so the migration runs on a populated store.
 */
export class AnalyticsHours1795710000000 implements MigrationInterface {
  name = 'AnalyticsHours1795710000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE analytics_hours (
        tenant_id text NOT NULL,
        hour timestamptz NOT NULL CHECK (hour = ${utcHour('hour')}),
        events bigint NOT NULL,
        new_users bigint NOT NULL,
        PRIMARY KEY (tenant_id, hour)
      ) WITH (fillfactor = 80)`);
    await db.query(`
      CREATE TABLE incident_hours (
        tenant_id text NOT NULL,
        signal text NOT NULL,
        hour timestamptz NOT NULL CHECK (hour = ${utcHour('hour')}),
        incidents bigint NOT NULL,
        PRIMARY KEY (tenant_id, signal, hour)
      ) WITH (fillfactor = 80)`);
    await db.query(`
      CREATE TABLE risk_hours (
        tenant_id text NOT NULL,
        series text NOT NULL,
        hour timestamptz NOT NULL CHECK (hour = ${utcHour('hour')}),
        users bigint NOT NULL,
        PRIMARY KEY (tenant_id, series, hour)
      ) WITH (fillfactor = 80)`);
    for (const table of TABLES) {
      await isolateTenantTable(db, table);
      await db.query(`GRANT SELECT, INSERT, UPDATE ON ${table} TO admin_api_app`);
    }

    await db.query(`SELECT set_config('app.cross_tenant', 'on', true)`);
    await db.query(`
      INSERT INTO analytics_hours (tenant_id, hour, events, new_users)
      SELECT tenant_id, hour, sum(events), sum(new_users) FROM (
        SELECT tenant_id, ${utcHour('ts')} AS hour, count(*) AS events, 0 AS new_users FROM events GROUP BY 1, 2
        UNION ALL
        SELECT tenant_id, ${utcHour('first_seen')}, 0, count(*) FROM end_users GROUP BY 1, 2
      ) activity
      GROUP BY tenant_id, hour`);
    await db.query(`
      INSERT INTO incident_hours (tenant_id, signal, hour, incidents)
      SELECT tenant_id, signal, ${utcHour('first_seen_at')}, count(*) FROM incidents GROUP BY 1, 2, 3`);
    const series = [`('any', r.last_at)`, ...SIGNALS.map((signal) => `('${signal}', r.${signal}_last)`)].join(', ');
    await db.query(`
      INSERT INTO risk_hours (tenant_id, series, hour, users)
      SELECT r.tenant_id, c.series, ${utcHour('c.at')}, count(*)
      FROM user_risk r CROSS JOIN LATERAL (VALUES ${series}) AS c(series, at)
      WHERE c.at IS NOT NULL GROUP BY 1, 2, 3`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await db.query(`DROP TABLE ${table}`);
  }
}
