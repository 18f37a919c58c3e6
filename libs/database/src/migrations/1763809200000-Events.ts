import { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateTenantTable } from './tenant-isolation.js';

/** Every table of the event store, in creation order (dropped in reverse). */
const TABLES = [
  'events',
  'end_users',
  'fingerprint_stats',
  'domainprint_stats',
  'user_fingerprints',
  'domainprint_users',
  'domainprint_fingerprints',
  'signal_incidents',
] as const;

/**
 * The event store: raw fingerprint events plus the rollups kept current at ingest (per user, per
 * fingerprint, per domainprint, per user×fingerprint and the domainprint links), and the signal
 * incidents with their evidence.
 *
 * - Identifiers the API filters and sorts on (`user_id`, `fingerprint`, `domainprint`, `event_id`) use
 *   the "C" collation: byte order makes comparisons cheap and lets a btree serve `LIKE 'prefix%'`.
 * - No foreign key to `tenants` on these tables: the per-row RI check would cost a look-up per ingested
 *   event. The tenant id can only be the session's (RLS `WITH CHECK`), which the tenant guard sets only
 *   after resolving an existing tenant.
 * - Rollups that are updated on every batch but not sorted on their changing columns keep free space in
 *   each page (fillfactor), so those updates stay HOT (no index writes).
 * - Timestamps are stored with millisecond precision, so cursors round-trip through JSON exactly.
 */
export class Events1763809200000 implements MigrationInterface {
  name = 'Events1763809200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION app_private.haversine_km(lat1 double precision, lon1 double precision, lat2 double precision, lon2 double precision)
      RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT 2 * 6371 * asin(least(1, sqrt(
               sin(radians(lat2 - lat1) / 2) ^ 2 + cos(radians(lat1)) * cos(radians(lat2)) * sin(radians(lon2 - lon1) / 2) ^ 2))) $$`);

    // Evidence carries times as ISO-8601 UTC with milliseconds, like every API answer.
    await db.query(`
      CREATE FUNCTION app_private.iso(at timestamptz) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE
      AS $$ SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$`);
    // A rollup's distinct domains, sorted; capped so a row stays small whatever a bot sends.
    await db.query(`
      CREATE FUNCTION app_private.merge_domains(current_domains text[], seen text[]) RETURNS text[]
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT CASE WHEN seen <@ current_domains THEN current_domains
                   ELSE ARRAY(SELECT DISTINCT d FROM unnest(current_domains || seen) d ORDER BY d LIMIT 100) END $$`);

    await db.query(`
      CREATE TABLE events (
        tenant_id text NOT NULL,
        event_id text COLLATE "C" NOT NULL,
        id bigint GENERATED ALWAYS AS IDENTITY (CACHE 1000),
        ts timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        lat double precision CHECK (lat BETWEEN -90 AND 90),
        lon double precision CHECK (lon BETWEEN -180 AND 180),
        fingerprint text COLLATE "C" NOT NULL,
        domainprint text COLLATE "C",
        user_id text COLLATE "C",
        domain text NOT NULL,
        url text,
        event_type text NOT NULL CHECK (event_type IN ('page_view', 'login', 'signup', 'purchase', 'custom')),
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
        PRIMARY KEY (tenant_id, event_id),
        CHECK ((lat IS NULL) = (lon IS NULL))
      )`);
    await db.query(`CREATE INDEX events_user_ts_idx ON events (tenant_id, user_id, ts, id) WHERE user_id IS NOT NULL`);
    await db.query(`CREATE INDEX events_fingerprint_ts_idx ON events (tenant_id, fingerprint, ts, id)`);
    await db.query(`CREATE INDEX events_domainprint_ts_idx ON events (tenant_id, domainprint, ts, id) WHERE domainprint IS NOT NULL`);
    await db.query(`CREATE INDEX events_ts_idx ON events (tenant_id, ts, id)`);

    await db.query(`
      CREATE TABLE end_users (
        tenant_id text NOT NULL,
        user_id text COLLATE "C" NOT NULL,
        event_count bigint NOT NULL,
        page_views bigint NOT NULL DEFAULT 0,
        logins bigint NOT NULL DEFAULT 0,
        signups bigint NOT NULL DEFAULT 0,
        purchases bigint NOT NULL DEFAULT 0,
        custom_events bigint NOT NULL DEFAULT 0,
        fingerprint_count integer NOT NULL DEFAULT 0,
        domainprint_count integer NOT NULL DEFAULT 0,
        domains text[] NOT NULL DEFAULT '{}',
        first_seen timestamptz NOT NULL,
        last_seen timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'trusted', 'blocked')),
        labels text[] NOT NULL DEFAULT '{}',
        metadata jsonb NOT NULL DEFAULT '{}',
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, user_id)
      ) WITH (fillfactor = 80)`);
    await db.query(`CREATE INDEX end_users_last_seen_idx ON end_users (tenant_id, last_seen, user_id)`);

    await db.query(`
      CREATE TABLE fingerprint_stats (
        tenant_id text NOT NULL,
        fingerprint text COLLATE "C" NOT NULL,
        event_count bigint NOT NULL,
        user_count integer NOT NULL DEFAULT 0,
        domains text[] NOT NULL DEFAULT '{}',
        first_seen timestamptz NOT NULL,
        last_seen timestamptz NOT NULL,
        -- When it became shared (the minUsers-th user's first event), as the signal engine last computed it.
        shared_since timestamptz,
        PRIMARY KEY (tenant_id, fingerprint)
      ) WITH (fillfactor = 80)`);
    await db.query(`CREATE INDEX fingerprint_stats_last_seen_idx ON fingerprint_stats (tenant_id, last_seen, fingerprint)`);
    await db.query(`CREATE INDEX fingerprint_stats_collisions_idx ON fingerprint_stats (tenant_id, last_seen, fingerprint) WHERE user_count > 1`);

    await db.query(`
      CREATE TABLE domainprint_stats (
        tenant_id text NOT NULL,
        domainprint text COLLATE "C" NOT NULL,
        event_count bigint NOT NULL,
        user_count integer NOT NULL DEFAULT 0,
        fingerprint_count integer NOT NULL DEFAULT 0,
        domains text[] NOT NULL DEFAULT '{}',
        first_seen timestamptz NOT NULL,
        last_seen timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, domainprint)
      ) WITH (fillfactor = 80)`);
    await db.query(`CREATE INDEX domainprint_stats_last_seen_idx ON domainprint_stats (tenant_id, last_seen, domainprint)`);

    await db.query(`
      CREATE TABLE user_fingerprints (
        tenant_id text NOT NULL,
        user_id text COLLATE "C" NOT NULL,
        fingerprint text COLLATE "C" NOT NULL,
        event_count bigint NOT NULL,
        first_seen timestamptz NOT NULL,
        last_seen timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, user_id, fingerprint)
      ) WITH (fillfactor = 80)`);
    await db.query(`CREATE INDEX user_fingerprints_fingerprint_idx ON user_fingerprints (tenant_id, fingerprint, first_seen, user_id)`);

    await db.query(`
      CREATE TABLE domainprint_users (
        tenant_id text NOT NULL,
        domainprint text COLLATE "C" NOT NULL,
        user_id text COLLATE "C" NOT NULL,
        event_count bigint NOT NULL,
        first_seen timestamptz NOT NULL,
        last_seen timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, domainprint, user_id)
      ) WITH (fillfactor = 80)`);
    await db.query(`CREATE INDEX domainprint_users_user_idx ON domainprint_users (tenant_id, user_id)`);

    await db.query(`
      CREATE TABLE domainprint_fingerprints (
        tenant_id text NOT NULL,
        domainprint text COLLATE "C" NOT NULL,
        fingerprint text COLLATE "C" NOT NULL,
        first_seen timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, domainprint, fingerprint)
      )`);

    // One row per (user, signal, natural key): recomputation upserts the same row, so it is idempotent.
    // `magnitude` ranks evidence of one incident (km/h, events, fingerprints...): a weaker recomputation never replaces it.
    await db.query(`
      CREATE TABLE signal_incidents (
        tenant_id text NOT NULL,
        user_id text COLLATE "C" NOT NULL,
        signal text NOT NULL CHECK (signal IN ('impossible_travel', 'device_shared', 'account_sharing', 'velocity')),
        incident_key text COLLATE "C" NOT NULL,
        started_at timestamptz NOT NULL,
        occurred_at timestamptz NOT NULL,
        magnitude double precision NOT NULL DEFAULT 0,
        evidence jsonb NOT NULL,
        detected_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, user_id, signal, incident_key)
      )`);
    await db.query(`CREATE INDEX signal_incidents_user_idx ON signal_incidents (tenant_id, user_id, signal, occurred_at)`);
    await db.query(`CREATE INDEX signal_incidents_occurred_idx ON signal_incidents (tenant_id, occurred_at)`);

    for (const table of TABLES) {
      await isolateTenantTable(db, table);
    }
    await db.query(`GRANT SELECT, INSERT ON events TO admin_api_app`);
    await db.query(
      `GRANT SELECT, INSERT, UPDATE ON ${TABLES.filter((table) => table !== 'events' && table !== 'signal_incidents').join(', ')} TO admin_api_app`,
    );
    await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON signal_incidents TO admin_api_app`);

    // The SDK CORS policy asks which origins any tenant allows, before any tenant is known: one narrow answer.
    await db.query(`
      CREATE FUNCTION app_private.sdk_allowed_origins() RETURNS SETOF text
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public SET app.cross_tenant = 'on'
      AS $$ SELECT DISTINCT unnest(allowed_origins) FROM tenants $$`);
    await db.query(`GRANT EXECUTE ON FUNCTION app_private.haversine_km(double precision, double precision, double precision, double precision),
      app_private.merge_domains(text[], text[]), app_private.iso(timestamptz), app_private.sdk_allowed_origins() TO admin_api_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await db.query(`DROP TABLE ${table}`);
    await db.query(`DROP FUNCTION app_private.sdk_allowed_origins()`);
    await db.query(`DROP FUNCTION app_private.merge_domains(text[], text[])`);
    await db.query(`DROP FUNCTION app_private.iso(timestamptz)`);
    await db.query(`DROP FUNCTION app_private.haversine_km(double precision, double precision, double precision, double precision)`);
  }
}
