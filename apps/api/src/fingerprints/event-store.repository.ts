import { Injectable } from '@nestjs/common';
import { TenantScopedRepository } from '#libs/database/src/index.js';
import type { ArrivedBatch } from '../signals/signal-engine.js';

/** The stored batch: its new events and the keys the signal engine must look at. */
export type StoredBatch = ArrivedBatch;

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

export const STORE_BATCH = `
WITH input AS (
  SELECT x."eventId" AS event_id,
         date_trunc('milliseconds', coalesce(x."timestamp", now())) AS ts,
         (x.geo->>'lat')::float8 AS lat, (x.geo->>'lon')::float8 AS lon,
         x.fingerprint, x.domainprint, x."userId" AS user_id, x.domain, x.url,
         coalesce(x."eventType", 'page_view') AS event_type, x.ip::inet AS ip, x."userAgent" AS user_agent,
         x.geo->>'country' AS country, x.geo->>'city' AS city, x."sessionId" AS session_id,
         x.campaign->>'source' AS campaign_source, x.campaign->>'medium' AS campaign_medium, x.campaign->>'name' AS campaign_name,
         x.campaign->>'term' AS campaign_term, x.campaign->>'content' AS campaign_content
  FROM json_to_recordset($2::json) AS x(
    "eventId" text, fingerprint text, domainprint text, "userId" text, domain text, url text, "eventType" text, ip text,
    "userAgent" text, geo json, campaign json, "sessionId" text, "timestamp" timestamptz)
),
ins AS (
  INSERT INTO events (tenant_id, event_id, ts, lat, lon, fingerprint, domainprint, user_id, domain, url, event_type, ip, user_agent,
                      country, city, session_id, campaign_source, campaign_medium, campaign_name, campaign_term, campaign_content)
  SELECT $1, event_id, ts, lat, lon, fingerprint, domainprint, user_id, domain, url, event_type, ip, user_agent,
         country, city, session_id, campaign_source, campaign_medium, campaign_name, campaign_term, campaign_content
  FROM input ORDER BY event_id
  ON CONFLICT (tenant_id, event_id) DO NOTHING
  RETURNING id, event_id, ts, lat, lon, fingerprint, domainprint, user_id, domain, event_type, country, city, session_id
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
  (SELECT coalesce(json_agg(json_build_object('id', id, 'eventId', event_id, 'ts', ts, 'lat', lat, 'lon', lon, 'country', country,
          'city', city, 'fingerprint', fingerprint, 'userId', user_id, 'sessionId', session_id)), '[]')::text FROM ins) AS events,
  ARRAY(SELECT user_id FROM users WHERE fingerprint_count >= 2) AS "multiDeviceUsers",
  ARRAY(SELECT fingerprint FROM fps WHERE event_count > $3) AS "busyFingerprints",
  ARRAY(SELECT fingerprint FROM fps WHERE user_count >= $4) AS "sharedFingerprints",
  (SELECT count(*) FROM dps)::int AS domainprints`;

@Injectable()
export class EventStoreRepository extends TenantScopedRepository {
  /** `events` is the JSON array of validated events, each with its `eventId` set. */
  async storeBatch(events: string, thresholds: StoreThresholds): Promise<StoredBatch> {
    const [row] = await this.scoped<StoredBatch>(STORE_BATCH, [events, thresholds.velocityMaxEvents, thresholds.deviceSharedMinUsers]);
    return row;
  }

  /** The internal id of a stored event, by its client id. */
  async idOf(eventId: string): Promise<string | undefined> {
    const row = await this.scopedOne<{ id: string }>(`SELECT id FROM events WHERE tenant_id = $1 AND event_id = $2`, [eventId]);
    return row?.id;
  }

  /** The tenant's settings (signal thresholds, retention), read in the ingest transaction. */
  async settings(): Promise<Record<string, unknown> | undefined> {
    const row = await this.scopedOne<{ settings: Record<string, unknown> }>(`SELECT settings FROM tenants WHERE id = $1`);
    return row?.settings;
  }
}
