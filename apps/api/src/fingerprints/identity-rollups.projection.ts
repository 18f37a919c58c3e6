import { Injectable } from '@nestjs/common';
import { TenantScopedRepository } from '#libs/database/src/index.js';
import { ARRIVED_EVENTS } from '../pipeline/arrived-events.js';
import type { EventChunk, EventProjection } from '../pipeline/event-projection.js';

/**
 * The identity rollups (per user, fingerprint, domainprint, user×fingerprint and the domainprint links),
 * kept from each chunk by one statement: each rollup is an upsert of the chunk grouped by its key and
 * sorted by it, so concurrent writers would take row locks in the same order.
 *
 * Counting distinct users per fingerprint (and the like) relies on the pair tables: a pair row that the
 * upsert inserted (`xmax = 0`) is a new pair, so the count grows by exactly the new pairs.
 */
const added = (...columns: string[]) => columns.map((column) => `${column} = t.${column} + EXCLUDED.${column}`).join(', ');
const SEEN = `first_seen = least(t.first_seen, EXCLUDED.first_seen), last_seen = greatest(t.last_seen, EXCLUDED.last_seen)`;
const DOMAINS = `domains = app_private.merge_domains(t.domains, EXCLUDED.domains)`;

/** $2 the velocity limit, $3 device sharing's minUsers: the answer names the keys that can carry those signals. */
export const ROLLUP_CHUNK = `
WITH arrived AS MATERIALIZED (SELECT ts, fingerprint, domainprint, user_id, domain, event_type FROM ${ARRIVED_EVENTS}),
user_fp AS (
  INSERT INTO user_fingerprints AS t (tenant_id, user_id, fingerprint, event_count, first_seen, last_seen)
  SELECT $1, user_id, fingerprint, count(*), min(ts), max(ts) FROM arrived
  WHERE user_id IS NOT NULL GROUP BY user_id, fingerprint ORDER BY user_id, fingerprint
  ON CONFLICT (tenant_id, user_id, fingerprint) DO UPDATE SET ${added('event_count')}, ${SEEN}
  RETURNING user_id, fingerprint, xmax = 0 AS is_new
),
dp_user AS (
  INSERT INTO domainprint_users AS t (tenant_id, domainprint, user_id, event_count, first_seen, last_seen)
  SELECT $1, domainprint, user_id, count(*), min(ts), max(ts) FROM arrived
  WHERE domainprint IS NOT NULL AND user_id IS NOT NULL GROUP BY domainprint, user_id ORDER BY domainprint, user_id
  ON CONFLICT (tenant_id, domainprint, user_id) DO UPDATE SET ${added('event_count')}, ${SEEN}
  RETURNING domainprint, user_id, xmax = 0 AS is_new
),
dp_fp AS (
  INSERT INTO domainprint_fingerprints (tenant_id, domainprint, fingerprint, first_seen)
  SELECT $1, domainprint, fingerprint, min(ts) FROM arrived WHERE domainprint IS NOT NULL
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
    FROM arrived WHERE user_id IS NOT NULL GROUP BY user_id
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
        FROM arrived GROUP BY fingerprint) b
  LEFT JOIN (SELECT fingerprint, count(*) AS pairs FROM user_fp WHERE is_new GROUP BY fingerprint) nu USING (fingerprint)
  ORDER BY b.fingerprint
  ON CONFLICT (tenant_id, fingerprint) DO UPDATE SET ${added('event_count', 'user_count')}, ${DOMAINS}, ${SEEN}
  RETURNING fingerprint, event_count, user_count
),
dps AS (
  INSERT INTO domainprint_stats AS t (tenant_id, domainprint, event_count, user_count, fingerprint_count, domains, first_seen, last_seen)
  SELECT $1, b.domainprint, b.events, coalesce(nu.pairs, 0), coalesce(nf.pairs, 0), b.domains, b.first_seen, b.last_seen
  FROM (SELECT domainprint, count(*) AS events, array_agg(DISTINCT domain) AS domains, min(ts) AS first_seen, max(ts) AS last_seen
        FROM arrived WHERE domainprint IS NOT NULL GROUP BY domainprint) b
  LEFT JOIN (SELECT domainprint, count(*) AS pairs FROM dp_user WHERE is_new GROUP BY domainprint) nu USING (domainprint)
  LEFT JOIN (SELECT domainprint, count(*) AS pairs FROM dp_fp GROUP BY domainprint) nf USING (domainprint)
  ORDER BY b.domainprint
  ON CONFLICT (tenant_id, domainprint) DO UPDATE SET ${added('event_count', 'user_count', 'fingerprint_count')}, ${DOMAINS}, ${SEEN}
  RETURNING domainprint
)
SELECT
  ARRAY(SELECT user_id FROM users WHERE fingerprint_count >= 2) AS "multiDeviceUsers",
  ARRAY(SELECT fingerprint FROM fps WHERE event_count > $2) AS "busyFingerprints",
  ARRAY(SELECT fingerprint FROM fps WHERE user_count >= $3) AS "sharedFingerprints",
  (SELECT count(*) FROM dps)::int AS domainprints`;

/** Rollups whose row stands for one key and knows when it was last seen (each has a last_seen index). */
const EXPIRING_ROLLUPS: Array<[string, string, string]> = [
  ['end_users', 'user_id', 'users'],
  ['fingerprint_stats', 'fingerprint', 'fingerprints'],
  ['domainprint_stats', 'domainprint', 'domainprints'],
];

@Injectable()
export class IdentityRollupsProjection extends TenantScopedRepository implements EventProjection {
  readonly name = 'identity_rollups';

  async apply(chunk: EventChunk): Promise<void> {
    const [row] = await this.scopedPrepared<EventChunk['candidates'] & { domainprints: number }>('identity.rollup_chunk', ROLLUP_CHUNK, [
      chunk.settings.signals.velocity.maxEvents,
      chunk.settings.signals.deviceShared.minUsers,
    ]);
    chunk.candidates = { multiDeviceUsers: row.multiDeviceUsers, busyFingerprints: row.busyFingerprints, sharedFingerprints: row.sharedFingerprints };
  }

  /**
   * A user, fingerprint or domainprint last seen before `cutoff` has no event left once older events are
   * gone: it goes (and answers 404). The pair tables and clusters keep their rows (see docs/retention.md).
   */
  async expire(cutoff: Date, limit: number): Promise<Record<string, number>> {
    const deleted: Record<string, number> = {};
    for (const [table, key, counted] of EXPIRING_ROLLUPS) {
      const rows = await this.scoped(
        `DELETE FROM ${table} WHERE tenant_id = $1 AND ${key} IN (
           SELECT ${key} FROM ${table} WHERE tenant_id = $1 AND last_seen < $2 ORDER BY last_seen LIMIT $3)
         RETURNING 1`,
        [cutoff, limit],
      );
      deleted[counted] = rows.length;
    }
    return deleted;
  }
}
