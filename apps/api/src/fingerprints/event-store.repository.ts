import { Injectable } from '@nestjs/common';
import { TenantScopedRepository } from '#libs/database/src/index.js';
import { ARRIVED_EVENTS, CREATE_ARRIVED_EVENTS } from '../signals/arrived-events.js';
import type { ArrivedBatch } from '../signals/signal-engine.js';
import type { EventInput } from './event-schema.js';

export interface StoreThresholds {
  velocityMaxEvents: number;
  deviceSharedMinUsers: number;
}

/**
 * One statement stores a batch and keeps every rollup current. The insert skips known `event_id`s
 * (idempotent retries), and each rollup is an upsert of the batch grouped by its key and sorted by it,
 * so concurrent batches take row locks in the same order. The rollup rows stay locked until commit:
 * the signal statements that follow read after those locks, so two batches touching the same user or
 * fingerprint are evaluated one after the other and never miss each other's events.
 *
 * Counting distinct users per fingerprint (and the like) relies on the pair tables: a pair row that the
 * upsert inserted (`xmax = 0`) is a new pair, so the count grows by exactly the new pairs.
 */
const added = (...columns: string[]) => columns.map((column) => `${column} = t.${column} + EXCLUDED.${column}`).join(', ');
const SEEN = `first_seen = least(t.first_seen, EXCLUDED.first_seen), last_seen = greatest(t.last_seen, EXCLUDED.last_seen)`;
const DOMAINS = `domains = app_private.merge_domains(t.domains, EXCLUDED.domains)`;

/**
 * The batch travels as one array per column (`unnest`), which PostgreSQL parses several times faster than
 * the same events as JSON. [column, SQL type, value of an event].
 */
const COLUMNS: Array<[string, string, (event: EventInput) => unknown]> = [
  ['event_id', 'text', (e) => e.eventId],
  ['ts', 'timestamptz', (e) => e.timestamp],
  ['lat', 'float8', (e) => e.geo?.lat],
  ['lon', 'float8', (e) => e.geo?.lon],
  ['fingerprint', 'text', (e) => e.fingerprint],
  ['domainprint', 'text', (e) => e.domainprint],
  ['user_id', 'text', (e) => e.userId],
  ['domain', 'text', (e) => e.domain],
  ['url', 'text', (e) => e.url],
  ['event_type', 'text', (e) => e.eventType],
  ['ip', 'inet', (e) => e.ip],
  ['user_agent', 'text', (e) => e.userAgent],
  ['country', 'text', (e) => e.geo?.country],
  ['city', 'text', (e) => e.geo?.city],
  ['session_id', 'text', (e) => e.sessionId],
  ['campaign_source', 'text', (e) => e.campaign?.source],
  ['campaign_medium', 'text', (e) => e.campaign?.medium],
  ['campaign_name', 'text', (e) => e.campaign?.name],
  ['campaign_term', 'text', (e) => e.campaign?.term],
  ['campaign_content', 'text', (e) => e.campaign?.content],
];
const STORED = COLUMNS.map(([name]) => name).join(', ');
/** Placeholders after the columns: the velocity limit and device sharing's minUsers. */
const [VELOCITY_MAX, MIN_USERS] = [`$${COLUMNS.length + 2}`, `$${COLUMNS.length + 3}`];

export const STORE_BATCH = `
WITH input AS (
  SELECT x.event_id, date_trunc('milliseconds', coalesce(x.ts, now())) AS ts, x.lat, x.lon, x.fingerprint, x.domainprint, x.user_id,
         x.domain, x.url, coalesce(x.event_type, 'page_view') AS event_type, x.ip, x.user_agent, x.country, x.city, x.session_id,
         x.campaign_source, x.campaign_medium, x.campaign_name, x.campaign_term, x.campaign_content
  FROM unnest(${COLUMNS.map(([, type], index) => `$${index + 2}::${type}[]`).join(', ')}) AS x(${STORED})
),
ins AS (
  INSERT INTO events (tenant_id, ${STORED})
  SELECT $1, ${STORED} FROM input ORDER BY event_id
  ON CONFLICT (tenant_id, event_id) DO NOTHING
  RETURNING id, event_id, ts, lat, lon, fingerprint, domainprint, user_id, domain, event_type, country, city, session_id
),
arrived AS (
  INSERT INTO ${ARRIVED_EVENTS} (id, event_id, ts, lat, lon, country, city, fingerprint, user_id, session_id)
  SELECT id, event_id, ts, lat, lon, country, city, fingerprint, user_id, session_id FROM ins
),
user_fp AS (
  INSERT INTO user_fingerprints AS t (tenant_id, user_id, fingerprint, event_count, first_seen, last_seen)
  SELECT $1, user_id, fingerprint, count(*), min(ts), max(ts) FROM ins
  WHERE user_id IS NOT NULL GROUP BY user_id, fingerprint ORDER BY user_id, fingerprint
  ON CONFLICT (tenant_id, user_id, fingerprint) DO UPDATE SET ${added('event_count')}, ${SEEN}
  RETURNING user_id, fingerprint, xmax = 0 AS is_new
),
dp_user AS (
  INSERT INTO domainprint_users AS t (tenant_id, domainprint, user_id, event_count, first_seen, last_seen)
  SELECT $1, domainprint, user_id, count(*), min(ts), max(ts) FROM ins
  WHERE domainprint IS NOT NULL AND user_id IS NOT NULL GROUP BY domainprint, user_id ORDER BY domainprint, user_id
  ON CONFLICT (tenant_id, domainprint, user_id) DO UPDATE SET ${added('event_count')}, ${SEEN}
  RETURNING domainprint, user_id, xmax = 0 AS is_new
),
dp_fp AS (
  INSERT INTO domainprint_fingerprints (tenant_id, domainprint, fingerprint, first_seen)
  SELECT $1, domainprint, fingerprint, min(ts) FROM ins WHERE domainprint IS NOT NULL
  GROUP BY domainprint, fingerprint ORDER BY domainprint, fingerprint
  ON CONFLICT (tenant_id, domainprint, fingerprint) DO NOTHING
  RETURNING domainprint
),
users AS (
  INSERT INTO end_users AS t (tenant_id, user_id, event_count, page_views, logins, signups, purchases, custom_events,
                              fingerprint_count, domainprint_count, domains, first_seen, last_seen)
  SELECT $1, b.user_id, b.events, b.page_views, b.logins, b.signups, b.purchases, b.custom_events,
         coalesce(nf.pairs, 0), coalesce(nd.pairs, 0), b.domains, b.first_seen, b.last_seen
  FROM (
    SELECT user_id, count(*) AS events,
           count(*) FILTER (WHERE event_type = 'page_view') AS page_views, count(*) FILTER (WHERE event_type = 'login') AS logins,
           count(*) FILTER (WHERE event_type = 'signup') AS signups, count(*) FILTER (WHERE event_type = 'purchase') AS purchases,
           count(*) FILTER (WHERE event_type = 'custom') AS custom_events,
           array_agg(DISTINCT domain) AS domains, min(ts) AS first_seen, max(ts) AS last_seen
    FROM ins WHERE user_id IS NOT NULL GROUP BY user_id
  ) b
  LEFT JOIN (SELECT user_id, count(*) AS pairs FROM user_fp WHERE is_new GROUP BY user_id) nf USING (user_id)
  LEFT JOIN (SELECT user_id, count(*) AS pairs FROM dp_user WHERE is_new GROUP BY user_id) nd USING (user_id)
  ORDER BY b.user_id
  ON CONFLICT (tenant_id, user_id) DO UPDATE SET
    ${added('event_count', 'page_views', 'logins', 'signups', 'purchases', 'custom_events', 'fingerprint_count', 'domainprint_count')},
    ${DOMAINS}, ${SEEN}
  RETURNING user_id, fingerprint_count
),
fps AS (
  INSERT INTO fingerprint_stats AS t (tenant_id, fingerprint, event_count, user_count, domains, first_seen, last_seen)
  SELECT $1, b.fingerprint, b.events, coalesce(nu.pairs, 0), b.domains, b.first_seen, b.last_seen
  FROM (SELECT fingerprint, count(*) AS events, array_agg(DISTINCT domain) AS domains, min(ts) AS first_seen, max(ts) AS last_seen
        FROM ins GROUP BY fingerprint) b
  LEFT JOIN (SELECT fingerprint, count(*) AS pairs FROM user_fp WHERE is_new GROUP BY fingerprint) nu USING (fingerprint)
  ORDER BY b.fingerprint
  ON CONFLICT (tenant_id, fingerprint) DO UPDATE SET ${added('event_count', 'user_count')}, ${DOMAINS}, ${SEEN}
  RETURNING fingerprint, event_count, user_count
),
dps AS (
  INSERT INTO domainprint_stats AS t (tenant_id, domainprint, event_count, user_count, fingerprint_count, domains, first_seen, last_seen)
  SELECT $1, b.domainprint, b.events, coalesce(nu.pairs, 0), coalesce(nf.pairs, 0), b.domains, b.first_seen, b.last_seen
  FROM (SELECT domainprint, count(*) AS events, array_agg(DISTINCT domain) AS domains, min(ts) AS first_seen, max(ts) AS last_seen
        FROM ins WHERE domainprint IS NOT NULL GROUP BY domainprint) b
  LEFT JOIN (SELECT domainprint, count(*) AS pairs FROM dp_user WHERE is_new GROUP BY domainprint) nu USING (domainprint)
  LEFT JOIN (SELECT domainprint, count(*) AS pairs FROM dp_fp GROUP BY domainprint) nf USING (domainprint)
  ORDER BY b.domainprint
  ON CONFLICT (tenant_id, domainprint) DO UPDATE SET ${added('event_count', 'user_count', 'fingerprint_count')}, ${DOMAINS}, ${SEEN}
  RETURNING domainprint
)
SELECT
  (SELECT count(*) FROM ins)::int AS inserted,
  ARRAY(SELECT user_id FROM users WHERE fingerprint_count >= 2) AS "multiDeviceUsers",
  ARRAY(SELECT fingerprint FROM fps WHERE event_count > ${VELOCITY_MAX}) AS "busyFingerprints",
  ARRAY(SELECT fingerprint FROM fps WHERE user_count >= ${MIN_USERS}) AS "sharedFingerprints",
  (SELECT count(*) FROM dps)::int AS domainprints`;

@Injectable()
export class EventStoreRepository extends TenantScopedRepository {
  /** Stores validated events (each with its `eventId` set) and fills `arrived_events` with the new ones. */
  async storeBatch(events: EventInput[], thresholds: StoreThresholds): Promise<ArrivedBatch> {
    await this.db.query(CREATE_ARRIVED_EVENTS);
    const columns = COLUMNS.map(([, , value]) => events.map((event) => value(event) ?? null));
    const [row] = await this.scopedPrepared<ArrivedBatch>('events.store_batch', STORE_BATCH, [
      ...columns,
      thresholds.velocityMaxEvents,
      thresholds.deviceSharedMinUsers,
    ]);
    return row;
  }

  async hasEvents(): Promise<boolean> {
    const row = await this.scopedOne<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM events WHERE tenant_id = $1) AS any`);
    return row?.any ?? false;
  }

  /** The tenant's settings (signal thresholds, retention), read in the ingest transaction. */
  async settings(): Promise<Record<string, unknown> | undefined> {
    const row = await this.scopedOne<{ settings: Record<string, unknown> }>(`SELECT settings FROM tenants WHERE id = $1`);
    return row?.settings;
  }
}
