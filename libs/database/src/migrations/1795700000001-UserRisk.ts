import { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateTenantTable } from './tenant-isolation.js';

const SIGNALS = ['impossible_travel', 'device_shared', 'account_sharing', 'velocity'];
const SPANS = SIGNALS.map((signal) => `${signal}_first timestamptz, ${signal}_last timestamptz`).join(',\n        ');

/**
 * One row per user instead of one per user and signal: `user_risk` carries each signal's first and last
 * occurrence in columns, and `last_at` (the latest of them) for window ranges. Risk-sorted lists and
 * fraud stats then read one narrow row per flagged user, with no grouping: at a device farm's million
 * events, grouping `user_signals` (about three rows a user) took most of a fraud-stats answer.
 */
export class UserRisk1795700000001 implements MigrationInterface {
  name = 'UserRisk1795700000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE user_risk (
        tenant_id text NOT NULL,
        user_id text COLLATE "C" NOT NULL,
        ${SPANS},
        last_at timestamptz GENERATED ALWAYS AS (greatest(${SIGNALS.map((signal) => `${signal}_last`).join(', ')})) STORED,
        PRIMARY KEY (tenant_id, user_id)
      ) WITH (fillfactor = 80)`);
    // Users with a signal in a window: one index range, index-only.
    await db.query(
      `CREATE INDEX user_risk_last_at_idx ON user_risk (tenant_id, last_at) INCLUDE (user_id, ${SIGNALS.map((signal) => `${signal}_first, ${signal}_last`).join(', ')})`,
    );
    await isolateTenantTable(db, 'user_risk');
    await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON user_risk TO admin_api_app`);
    await db.query(`SELECT set_config('app.cross_tenant', 'on', true)`);
    await db.query(`
      INSERT INTO user_risk (tenant_id, user_id, ${SIGNALS.map((signal) => `${signal}_first, ${signal}_last`).join(', ')})
      SELECT tenant_id, user_id, ${SIGNALS.map((signal) => `min(first_at) FILTER (WHERE signal = '${signal}'), max(last_at) FILTER (WHERE signal = '${signal}')`).join(', ')}
      FROM user_signals GROUP BY tenant_id, user_id`);
    await db.query(`DROP TABLE user_signals`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE user_signals (
        tenant_id text NOT NULL,
        user_id text COLLATE "C" NOT NULL,
        signal text NOT NULL,
        first_at timestamptz NOT NULL,
        last_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, user_id, signal)
      ) WITH (fillfactor = 80)`);
    await db.query(`CREATE INDEX user_signals_last_at_idx ON user_signals (tenant_id, last_at) INCLUDE (user_id, signal, first_at)`);
    await isolateTenantTable(db, 'user_signals');
    await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON user_signals TO admin_api_app`);
    await db.query(`SELECT set_config('app.cross_tenant', 'on', true)`);
    for (const signal of SIGNALS)
      await db.query(`
        INSERT INTO user_signals (tenant_id, user_id, signal, first_at, last_at)
        SELECT tenant_id, user_id, '${signal}', ${signal}_first, ${signal}_last FROM user_risk WHERE ${signal}_last IS NOT NULL`);
    await db.query(`DROP TABLE user_risk`);
  }
}
