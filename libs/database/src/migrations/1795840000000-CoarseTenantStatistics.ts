import { MigrationInterface, QueryRunner } from 'typeorm';
import { refreshTenantStatistics } from './1795720000000-PlannerStatistics.js';

/**
 * The pipeline's statistics refresh samples 6,000 rows a table instead of 30,000: what the plans need from
 * it is a tenant's size, not fine histograms (autovacuum's own ANALYZE, minutes later, keeps the default).
 * Measured at 71k events: 625 ms of one core per refresh, 196 ms coarse. A new tenant's flood crosses
 * five refresh points in its first 100k events, and those bursts showed in another tenant's read p99.
 */
export class CoarseTenantStatistics1795840000000 implements MigrationInterface {
  name = 'CoarseTenantStatistics1795840000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(refreshTenantStatistics('CREATE OR REPLACE', ' SET default_statistics_target = 20'));
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(refreshTenantStatistics('CREATE OR REPLACE'));
  }
}
