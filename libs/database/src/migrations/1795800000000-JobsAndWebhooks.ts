import PgBoss from 'pg-boss';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateTenantTable } from './tenant-isolation.js';

/** pg-boss keeps its tables in this schema of the same database. */
export const JOB_QUEUE_SCHEMA = 'pgboss';
/** The queues the API uses; created here so no instance runs DDL at start. */
export const JOB_QUEUES = ['retention', 'retention-daily'];

/**
 * Background jobs and webhooks.
 *
 * - The pg-boss schema is created here from the pinned pg-boss version's own construction plan rather than
 *   by pg-boss at start: schema changes stay in reviewed, reversible migrations, a process starts without
 *   DDL rights, and every test database cloned from the migrated template already has it. A pg-boss
 *   upgrade that changes its schema version needs a migration running `PgBoss.getMigrationPlans`.
 *   The API role may enqueue (insert into the job table) so a job is queued in the transaction that asks for it.
 * - Retention: the API role may delete events and the identity rollups' rows that only old events made.
 * - `jobs`: what a tenant may see of its jobs (GET /v1/jobs/:id), isolated like every tenant table; the
 *   pg-boss job of the same id carries the work.
 * - `webhook_endpoints`: signing secrets sealed with WEBHOOK_ENCRYPTION_KEY (AES-256-GCM), the previous
 *   one kept until its grace ends.
 * - `webhook_deliveries`: the outbox. A row is inserted in the transaction of the change it reports; the
 *   dispatcher claims due rows with SKIP LOCKED, so any number of workers send each attempt once.
 */
export class JobsAndWebhooks1795800000000 implements MigrationInterface {
  name = 'JobsAndWebhooks1795800000000';

  async up(db: QueryRunner): Promise<void> {
    // The plan brings its own BEGIN/COMMIT; it runs inside the migration's transaction instead.
    const plan = PgBoss.getConstructionPlans(JOB_QUEUE_SCHEMA)
      .trim()
      .replace(/^BEGIN;/, '')
      .replace(/COMMIT;$/, '');
    await db.query(plan);
    for (const queue of JOB_QUEUES) {
      await db.query(`SELECT ${JOB_QUEUE_SCHEMA}.create_queue($1, $2)`, [queue, JSON.stringify({ policy: 'standard' })]);
    }
    await db.query(`GRANT USAGE ON SCHEMA ${JOB_QUEUE_SCHEMA} TO admin_api_app`);
    await db.query(`GRANT SELECT ON ${JOB_QUEUE_SCHEMA}.queue TO admin_api_app`);
    await db.query(`GRANT SELECT, INSERT ON ${JOB_QUEUE_SCHEMA}.job TO admin_api_app`);

    await db.query(`
      CREATE TABLE jobs (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        name text NOT NULL,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        result jsonb,
        error text,
        PRIMARY KEY (tenant_id, id)
      )`);
    await isolateTenantTable(db, 'jobs');
    await db.query(`GRANT SELECT, INSERT, UPDATE ON jobs TO admin_api_app`);
    // Retention deletes old events and the rollup rows only they made.
    await db.query(`GRANT DELETE ON events, end_users, fingerprint_stats, domainprint_stats TO admin_api_app`);

    await db.query(`
      CREATE TABLE webhook_endpoints (
        tenant_id text NOT NULL,
        id text NOT NULL,
        url text NOT NULL,
        description text,
        events text[] NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        disabled_reason text,
        secret_sealed bytea NOT NULL,
        previous_secret_sealed bytea,
        previous_secret_expires_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id)
      )`);
    await db.query(`CREATE INDEX webhook_endpoints_listing_idx ON webhook_endpoints (tenant_id, created_at DESC, id DESC)`);
    await isolateTenantTable(db, 'webhook_endpoints');
    await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_endpoints TO admin_api_app`);

    await db.query(`
      CREATE TABLE webhook_deliveries (
        tenant_id text NOT NULL,
        id text NOT NULL,
        endpoint_id text NOT NULL,
        event_type text NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        last_status_code integer,
        last_error text,
        duration_ms integer,
        next_attempt_at timestamptz,
        -- The next attempt was asked for by hand: whatever its outcome, no automatic retry follows it.
        manual boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, endpoint_id) REFERENCES webhook_endpoints (tenant_id, id) ON DELETE CASCADE
      )`);
    await db.query(`CREATE INDEX webhook_deliveries_listing_idx ON webhook_deliveries (tenant_id, endpoint_id, created_at DESC, id DESC)`);
    // The dispatcher's scan: only rows still to send, by due time.
    await db.query(`CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending'`);
    await isolateTenantTable(db, 'webhook_deliveries');
    await db.query(`GRANT SELECT, INSERT, UPDATE ON webhook_deliveries TO admin_api_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE webhook_deliveries`);
    await db.query(`DROP TABLE webhook_endpoints`);
    await db.query(`REVOKE DELETE ON events, end_users, fingerprint_stats, domainprint_stats FROM admin_api_app`);
    await db.query(`DROP TABLE jobs`);
    await db.query(`DROP SCHEMA ${JOB_QUEUE_SCHEMA} CASCADE`);
  }
}
