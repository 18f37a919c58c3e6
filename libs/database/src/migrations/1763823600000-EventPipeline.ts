import { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateTenantTable } from './tenant-isolation.js';

/** The pipeline's tables, in creation order (dropped in reverse). */
const TABLES = ['event_inbox', 'pipeline_intake', 'pipeline_tenants', 'event_dead_letters'] as const;

/**
 * The event pipeline: accepting appends to `event_inbox` and commits; workers move the inbox into the
 * event store and its read models later, tenant by tenant.
 *
 * - `event_inbox` is the durable log of accepted, not yet processed events: the validated columns only,
 *   and only the indexes accepting needs (the arrival order per tenant, and the client id, so a retry is
 *   dropped exactly). A worker deletes the rows it processed in the transaction that stores them, so an
 *   event id lives in the inbox or in `events`, never both, and a row committed late (sequence values are
 *   taken before commit) is simply found by the next chunk instead of being skipped by a cursor.
 *   Accepting checks both places; see EventInboxRepository for the one race between them.
 * - `pipeline_intake` counts what a tenant had accepted (written by accepting only) and
 *   `pipeline_tenants` what its workers processed (written by workers only, and the row a worker locks
 *   while it serves the tenant): the backlog is the difference, read without counting rows, and accepting
 *   never waits for a worker's lock.
 * - `event_dead_letters`: events that failed processing, with the error, set aside so they block nothing.
 */
export class EventPipeline1763823600000 implements MigrationInterface {
  name = 'EventPipeline1763823600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE event_inbox (
        tenant_id text NOT NULL,
        -- No sequence cache: with one, each session takes its own block of numbers and seq stops being arrival order.
        seq bigint GENERATED ALWAYS AS IDENTITY,
        event_id text COLLATE "C" NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        ts timestamptz NOT NULL,
        lat double precision,
        lon double precision,
        fingerprint text COLLATE "C" NOT NULL,
        domainprint text COLLATE "C",
        user_id text COLLATE "C",
        domain text NOT NULL,
        url text,
        event_type text NOT NULL,
        ip inet,
        user_agent text,
        country text,
        city text,
        session_id text COLLATE "C",
        campaign_source text,
        campaign_medium text,
        campaign_name text,
        campaign_term text,
        campaign_content text,
        PRIMARY KEY (tenant_id, seq),
        UNIQUE (tenant_id, event_id)
      ) WITH (autovacuum_vacuum_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.01)`);
    // Every row is deleted soon after it is written: without frequent vacuum and fresh statistics the planner
    // takes the inbox for empty and scans a million dead rows (measured: seconds per accepting statement).

    await db.query(`
      CREATE TABLE pipeline_intake (
        tenant_id text PRIMARY KEY,
        accepted_count bigint NOT NULL DEFAULT 0,
        last_accepted_at timestamptz
      ) WITH (fillfactor = 50)`);

    await db.query(`
      CREATE TABLE pipeline_tenants (
        tenant_id text PRIMARY KEY,
        processed_count bigint NOT NULL DEFAULT 0,
        dead_letter_count bigint NOT NULL DEFAULT 0,
        served_at timestamptz
      ) WITH (fillfactor = 50)`);

    await db.query(`
      CREATE TABLE event_dead_letters (
        tenant_id text NOT NULL,
        seq bigint NOT NULL,
        event_id text COLLATE "C" NOT NULL,
        received_at timestamptz NOT NULL,
        event jsonb NOT NULL,
        error text NOT NULL,
        failed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, seq)
      )`);

    for (const table of TABLES) await isolateTenantTable(db, table);
    await db.query(`GRANT SELECT, INSERT, DELETE ON event_inbox TO admin_api_app`);
    await db.query(`GRANT SELECT, INSERT, UPDATE ON pipeline_intake, pipeline_tenants TO admin_api_app`);
    await db.query(`GRANT SELECT, INSERT ON event_dead_letters TO admin_api_app`);

    // Events stored before the pipeline existed count as accepted and processed.
    await db.query(`SELECT set_config('app.cross_tenant', 'on', true)`);
    await db.query(`INSERT INTO pipeline_intake (tenant_id, accepted_count, last_accepted_at)
                    SELECT tenant_id, count(*), max(received_at) FROM events GROUP BY tenant_id`);
    await db.query(`INSERT INTO pipeline_tenants (tenant_id, processed_count, served_at)
                    SELECT tenant_id, accepted_count, last_accepted_at FROM pipeline_intake`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await db.query(`DROP TABLE ${table}`);
  }
}
