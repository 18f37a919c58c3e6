import { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateTenantTable } from './tenant-isolation.js';

/** The analytics tables, in creation order (dropped in reverse). */
const TABLES = ['attribution_visit_days', 'attribution_conversions', 'identity_clusters', 'identity_cluster_members'] as const;

/** Indexes on the event store's tables that only the analytics reads and the analytics rollups use. */
const INDEXES: Array<[name: string, definition: string]> = [
  // riskLevels: the users known by the end of the window.
  ['end_users_first_seen_idx', 'end_users (tenant_id, first_seen)'],
  // Incidents of one or more signals in a window, index-only (fraud stats, account sharing, impossible travel).
  ['signal_incidents_signal_idx', 'signal_incidents (tenant_id, signal, occurred_at) INCLUDE (user_id)'],
  // Identity graph: a user's domainprints in a stable order, so a bounded expansion reads only its first links.
  ['domainprint_users_user_dp_idx', 'domainprint_users (tenant_id, user_id, domainprint) INCLUDE (event_count)'],
  // Attribution: a user's campaign touches before a conversion (first and last touch).
  [
    'events_user_campaign_idx',
    `events (tenant_id, user_id, ts, id) INCLUDE (campaign_source, campaign_medium, campaign_name)
     WHERE campaign_source IS NOT NULL AND user_id IS NOT NULL`,
  ],
  // Attribution: campaign visits in the partial days at the edges of a window.
  ['events_campaign_ts_idx', 'events (tenant_id, ts) INCLUDE (campaign_source, campaign_medium, campaign_name, user_id) WHERE campaign_source IS NOT NULL'],
];

/**
 * The analytics read models, kept current at ingest by `AnalyticsRollups` (one call per stored batch):
 *
 * - `attribution_visit_days`: campaign visits per UTC day, campaign and user (`''` = anonymous visits). A
 *   window sums its whole days here; its partial edge days are read from `events_campaign_ts_idx`.
 * - `attribution_conversions`: one row per signup or purchase of a known user, with the campaign of its
 *   first touch (the user's earliest campaign event at or before it) and of its last touch (the latest).
 *   A campaign event arriving late re-attributes the user's conversions at or after it.
 * - `identity_clusters` + `identity_cluster_members`: connected components of the user ↔ fingerprint /
 *   domainprint graph (union by size at ingest; components only ever merge). `anchor` is the cluster's
 *   smallest user id: with the user count it orders clusters "largest first" and pages them.
 *
 * Existing events are backfilled, so the migration can run on a populated event store.
 */
export class Analytics1763812800000 implements MigrationInterface {
  name = 'Analytics1763812800000';

  async up(db: QueryRunner): Promise<void> {
    for (const [name, definition] of INDEXES) await db.query(`CREATE INDEX ${name} ON ${definition}`);

    await db.query(`
      CREATE TABLE attribution_visit_days (
        tenant_id text NOT NULL,
        day date NOT NULL,
        source text NOT NULL,
        medium text NOT NULL,
        campaign text NOT NULL,
        user_id text COLLATE "C" NOT NULL,
        visits bigint NOT NULL,
        PRIMARY KEY (tenant_id, day, source, medium, campaign, user_id)
      ) WITH (fillfactor = 90)`);

    await db.query(`
      CREATE TABLE attribution_conversions (
        tenant_id text NOT NULL,
        user_id text COLLATE "C" NOT NULL,
        ts timestamptz NOT NULL,
        event_id text COLLATE "C" NOT NULL,
        event_type text NOT NULL CHECK (event_type IN ('signup', 'purchase')),
        first_source text,
        first_medium text,
        first_campaign text,
        first_at timestamptz,
        last_source text,
        last_medium text,
        last_campaign text,
        last_at timestamptz,
        PRIMARY KEY (tenant_id, user_id, ts, event_id)
      )`);
    await db.query(`
      CREATE INDEX attribution_conversions_ts_idx ON attribution_conversions (tenant_id, ts)
      INCLUDE (user_id, event_type, first_source, first_medium, first_campaign, last_source, last_medium, last_campaign)`);

    await db.query(`CREATE SEQUENCE identity_cluster_ids AS bigint`);
    await db.query(`
      CREATE TABLE identity_clusters (
        tenant_id text NOT NULL,
        cluster_id bigint NOT NULL,
        user_count integer NOT NULL,
        fingerprint_count integer NOT NULL,
        domainprint_count integer NOT NULL,
        anchor text COLLATE "C" NOT NULL,
        PRIMARY KEY (tenant_id, cluster_id)
      )`);
    await db.query(`CREATE INDEX identity_clusters_size_idx ON identity_clusters (tenant_id, user_count DESC, anchor) WHERE user_count > 1`);
    await db.query(`
      CREATE TABLE identity_cluster_members (
        tenant_id text NOT NULL,
        node_type text NOT NULL CHECK (node_type IN ('user', 'fingerprint', 'domainprint')),
        node_id text COLLATE "C" NOT NULL,
        cluster_id bigint NOT NULL,
        PRIMARY KEY (tenant_id, node_type, node_id)
      )`);
    await db.query(`CREATE INDEX identity_cluster_members_cluster_idx ON identity_cluster_members (tenant_id, cluster_id, node_type, node_id)`);

    for (const table of TABLES) {
      await isolateTenantTable(db, table);
    }
    await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${TABLES.join(', ')} TO admin_api_app`);
    await db.query(`GRANT USAGE ON SEQUENCE identity_cluster_ids TO admin_api_app`);

    await backfill(db);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await db.query(`DROP TABLE ${table}`);
    await db.query(`DROP SEQUENCE identity_cluster_ids`);
    for (const [name] of [...INDEXES].reverse()) await db.query(`DROP INDEX ${name}`);
  }
}

/** Builds the read models from the events already stored (every tenant: the migration reads across them). */
async function backfill(db: QueryRunner): Promise<void> {
  await db.query(`SELECT set_config('app.cross_tenant', 'on', true)`);
  await db.query(`
    INSERT INTO attribution_visit_days (tenant_id, day, source, medium, campaign, user_id, visits)
    SELECT tenant_id, (ts AT TIME ZONE 'UTC')::date, campaign_source, campaign_medium, campaign_name, coalesce(user_id, ''), count(*)
    FROM events WHERE campaign_source IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6`);
  await db.query(`
    INSERT INTO attribution_conversions (tenant_id, user_id, ts, event_id, event_type, first_source, first_medium, first_campaign, first_at,
                                         last_source, last_medium, last_campaign, last_at)
    SELECT c.tenant_id, c.user_id, c.ts, c.event_id, c.event_type, f.campaign_source, f.campaign_medium, f.campaign_name, f.ts,
           l.campaign_source, l.campaign_medium, l.campaign_name, l.ts
    FROM events c
    LEFT JOIN LATERAL (
      SELECT e.ts, e.campaign_source, e.campaign_medium, e.campaign_name FROM events e
      WHERE e.tenant_id = c.tenant_id AND e.user_id = c.user_id AND e.campaign_source IS NOT NULL AND e.ts <= c.ts
      ORDER BY e.ts, e.id LIMIT 1) f ON true
    LEFT JOIN LATERAL (
      SELECT e.ts, e.campaign_source, e.campaign_medium, e.campaign_name FROM events e
      WHERE e.tenant_id = c.tenant_id AND e.user_id = c.user_id AND e.campaign_source IS NOT NULL AND e.ts <= c.ts
      ORDER BY e.ts DESC, e.id DESC LIMIT 1) l ON true
    WHERE c.user_id IS NOT NULL AND c.event_type IN ('signup', 'purchase')`);

  // Connected components by label propagation: every node starts with its own label and takes the smallest
  // label among its neighbours until nothing changes (as many rounds as the longest shortest path).
  await db.query(`
    DO $$
    DECLARE changed bigint;
    BEGIN
      CREATE TEMP TABLE cluster_links ON COMMIT DROP AS
        SELECT tenant_id, user_id, 'fingerprint'::text AS node_type, fingerprint AS node_id FROM user_fingerprints
        UNION ALL
        SELECT tenant_id, user_id, 'domainprint', domainprint FROM domainprint_users;
      CREATE TEMP TABLE cluster_nodes ON COMMIT DROP AS
        SELECT tenant_id, node_type, node_id, nextval('identity_cluster_ids') AS label
        FROM (SELECT DISTINCT tenant_id, 'user'::text AS node_type, user_id AS node_id FROM cluster_links
              UNION SELECT DISTINCT tenant_id, node_type, node_id FROM cluster_links) n;
      ALTER TABLE cluster_nodes ADD PRIMARY KEY (tenant_id, node_type, node_id);
      ANALYZE cluster_links;
      ANALYZE cluster_nodes;
      LOOP
        UPDATE cluster_nodes n SET label = b.label
        FROM (SELECT l.tenant_id, l.user_id, min(d.label) AS label FROM cluster_links l
              JOIN cluster_nodes d ON d.tenant_id = l.tenant_id AND d.node_type = l.node_type AND d.node_id = l.node_id
              GROUP BY l.tenant_id, l.user_id) b
        WHERE n.tenant_id = b.tenant_id AND n.node_type = 'user' AND n.node_id = b.user_id AND b.label < n.label;
        GET DIAGNOSTICS changed = ROW_COUNT;
        UPDATE cluster_nodes n SET label = b.label
        FROM (SELECT l.tenant_id, l.node_type, l.node_id, min(u.label) AS label FROM cluster_links l
              JOIN cluster_nodes u ON u.tenant_id = l.tenant_id AND u.node_type = 'user' AND u.node_id = l.user_id
              GROUP BY l.tenant_id, l.node_type, l.node_id) b
        WHERE n.tenant_id = b.tenant_id AND n.node_type = b.node_type AND n.node_id = b.node_id AND b.label < n.label;
        EXIT WHEN changed = 0 AND NOT FOUND;
      END LOOP;
      INSERT INTO identity_cluster_members (tenant_id, node_type, node_id, cluster_id)
        SELECT tenant_id, node_type, node_id, label FROM cluster_nodes;
      INSERT INTO identity_clusters (tenant_id, cluster_id, user_count, fingerprint_count, domainprint_count, anchor)
        SELECT tenant_id, label, count(*) FILTER (WHERE node_type = 'user'), count(*) FILTER (WHERE node_type = 'fingerprint'),
               count(*) FILTER (WHERE node_type = 'domainprint'), min(node_id) FILTER (WHERE node_type = 'user')
        FROM cluster_nodes GROUP BY tenant_id, label;
    END $$`);
}
