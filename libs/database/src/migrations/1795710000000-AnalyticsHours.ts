import { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateTenantTable } from './tenant-isolation.js';

/** The UTC hour an instant falls in (independent of the session's time zone). */
const utcHour = (column: string) => `date_trunc('hour', ${column}, 'UTC')`;

/**
 * The time series' rollup, one row per tenant and UTC hour that has activity, whatever the number of
 * events behind it: `events` stored with a timestamp in that hour, and `new_users` whose first event
 * falls in it (a user whose earlier event arrives late moves to that earlier hour). Built from the stored
 * events and users, so the migration runs on a populated store.
 *
 * Incident series are read from `incidents` itself (one row per signal, subject and day); the index
 * serves them by signal and first-seen time.
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
    await isolateTenantTable(db, 'analytics_hours');
    await db.query(`GRANT SELECT, INSERT, UPDATE ON analytics_hours TO admin_api_app`);
    await db.query(`CREATE INDEX incidents_first_seen_idx ON incidents (tenant_id, signal, first_seen_at)`);

    await db.query(`SELECT set_config('app.cross_tenant', 'on', true)`);
    await db.query(`
      INSERT INTO analytics_hours (tenant_id, hour, events, new_users)
      SELECT tenant_id, hour, sum(events), sum(new_users) FROM (
        SELECT tenant_id, ${utcHour('ts')} AS hour, count(*) AS events, 0 AS new_users FROM events GROUP BY 1, 2
        UNION ALL
        SELECT tenant_id, ${utcHour('first_seen')}, 0, count(*) FROM end_users GROUP BY 1, 2
      ) activity
      GROUP BY tenant_id, hour`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX incidents_first_seen_idx`);
    await db.query(`DROP TABLE analytics_hours`);
  }
}
