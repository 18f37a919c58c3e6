import { Injectable } from '@nestjs/common';
import { TenantScopedRepository } from '#libs/database/src/index.js';
import { ARRIVED_EVENTS } from '../pipeline/arrived-events.js';
import type { ChangeLog } from '../pipeline/event-projection.js';
import { CREATE_INCIDENT_CHANGES, CREATE_USER_RISK_CHANGES } from './signal-changes.js';
import {
  CREATE_SIGNAL_FINDINGS,
  foldFindingsFor,
  INCIDENT_USERS,
  REFRESH_USER_RISK,
  RESCORE_STALE_RISK,
  SHARED_SAMPLE_USERS,
  SIGNAL_FINDINGS,
} from './signal-findings.js';
import { SESSION_GAP_MINUTES, SignalSettings } from './signal-settings.js';

/**
 * The incremental signal engine: each statement re-evaluates only what a stored batch can change, scoped
 * to the batch's users or fingerprints and a time neighbourhood of its events, and upserts incidents by
 * their natural key (so running it twice changes nothing). Events are ordered by (timestamp, id), so
 * "consecutive" and "window" mean event time, whatever order the events arrived in. The batch's new
 * events are read from `arrived_events`, filled by the store statement in the same transaction.
 */

/**
 * The chunk's arrived events (alias `b`) whose `key` is one of the keys in `keysParam` (a text[]
 * parameter), as a FROM item. A join to the unnested keys, not `b.key = ANY($n)`: a prepared statement's
 * generic plan cannot hash a parameter's array, so `= ANY` compared every arrived event with the keys one
 * by one (a 20,000-event farm chunk with 12,600 shared fingerprints: 3.6 s, against 16 ms hashed).
 */
const arrivedWithKeyIn = (key: 'fingerprint' | 'user_id', keysParam: string) =>
  `${ARRIVED_EVENTS} b JOIN (SELECT DISTINCT unnest(${keysParam}::text[]) AS key) k ON k.key = b.${key}`;

/**
 * The look-ups of events by user or fingerprint are written so that only the matching index can answer
 * them, whatever the planner's statistics say (a fresh table has none, and nothing guarantees ANALYZE
 * ran): range conditions are row comparisons led by the key, `(user_id, ts) >= (key, lo)`, which the
 * (tenant, user, ts) index serves as a range while the (tenant, ts) index cannot; ORDER BY is led by the
 * key too. `OFFSET 0` keeps the LATERAL subqueries from being flattened into a join.
 *
 * The batch's events of the given keys, grouped into islands: events closer than twice the reach belong
 * to one island, and each island widened by the reach on both sides is one range of events to reload.
 */
function neighbourhoodRanges(key: 'fingerprint' | 'user_id', keysParam: string, reach: string): string {
  return `
  arrived AS (
    SELECT b.${key} AS key, b.ts FROM ${arrivedWithKeyIn(key, keysParam)}
  ),
  arrived_gaps AS (
    SELECT key, ts, coalesce(ts - lag(ts) OVER (PARTITION BY key ORDER BY ts) > 2 * ${reach}, true) AS starts_island FROM arrived
  ),
  ranges AS (
    SELECT key, min(ts) - ${reach} AS lo, max(ts) + ${reach} AS hi
    FROM (SELECT key, ts, count(*) FILTER (WHERE starts_island) OVER (PARTITION BY key ORDER BY ts) AS island FROM arrived_gaps) i
    GROUP BY key, island
  )`;
}

/** What each statement hands on: the incident rows it wrote (or, `incident_key` NULL, the users whose incidents it removed). */
const WRITTEN = 'RETURNING t.user_id, t.signal, t.incident_key, t.started_at, t.occurred_at, t.magnitude, t.evidence';
const KEEP_FINDINGS = `INSERT INTO ${SIGNAL_FINDINGS} (user_id, signal, incident_key, started_at, occurred_at, magnitude, evidence) SELECT * FROM written`;

const PLACE = (alias: string) =>
  `json_build_object('eventId', ${alias}_event_id, 'lat', ${alias}_lat, 'lon', ${alias}_lon, 'city', ${alias}_city, 'country', ${alias}_country, 'at', app_private.iso(${alias}_ts))`;

/**
 * impossible_travel: for each arrived geo event of a user, its predecessor and successor among the user's
 * geo events; each such consecutive pair farther apart than minKm ($2) at more than maxKmh ($3) (or with
 * Δt = 0) is an incident keyed by the pair. A pair that stopped being consecutive because an event arrived
 * between them (out of order) is no longer an incident and is removed, found per arrived event through the
 * user's index and deleted by row address (joined to the chunk, the evidence table was read whole per
 * chunk: 2,100 pages and 23 ms at 25k rows, growing with them).
 */
export const IMPOSSIBLE_TRAVEL = `
WITH arrived AS (
  SELECT b.* FROM ${ARRIVED_EVENTS} b WHERE b.user_id IS NOT NULL AND b.lat IS NOT NULL
),
legs AS (
  SELECT n.user_id AS user_id, p.id AS a_id, p.event_id AS a_event_id, p.ts AS a_ts, p.lat AS a_lat, p.lon AS a_lon, p.city AS a_city, p.country AS a_country,
         n.id AS b_id, n.event_id AS b_event_id, n.ts AS b_ts, n.lat AS b_lat, n.lon AS b_lon, n.city AS b_city, n.country AS b_country
  FROM arrived n
  CROSS JOIN LATERAL (
    SELECT e.id, e.event_id, e.ts, e.lat, e.lon, e.city, e.country FROM events e
    WHERE e.tenant_id = $1 AND e.user_id = n.user_id AND e.lat IS NOT NULL AND (e.user_id, e.ts, e.id) < (n.user_id, n.ts, n.id)
    ORDER BY e.user_id DESC, e.ts DESC, e.id DESC LIMIT 1) p
  UNION
  SELECT n.user_id, n.id, n.event_id, n.ts, n.lat, n.lon, n.city, n.country, s.id, s.event_id, s.ts, s.lat, s.lon, s.city, s.country
  FROM arrived n
  CROSS JOIN LATERAL (
    SELECT e.id, e.event_id, e.ts, e.lat, e.lon, e.city, e.country FROM events e
    WHERE e.tenant_id = $1 AND e.user_id = n.user_id AND e.lat IS NOT NULL AND (e.user_id, e.ts, e.id) > (n.user_id, n.ts, n.id)
    ORDER BY e.user_id, e.ts, e.id LIMIT 1) s
),
measured AS (
  SELECT *, app_private.haversine_km(a_lat, a_lon, b_lat, b_lon) AS km, extract(epoch FROM b_ts - a_ts) AS seconds FROM legs
),
flagged AS (
  SELECT *, CASE WHEN seconds > 0 THEN km / (seconds / 3600) END AS kmh FROM measured
  WHERE km > $2 AND (seconds = 0 OR km / (seconds / 3600) > $3)
),
removed AS (
  DELETE FROM signal_incidents i
  USING (SELECT x.row FROM arrived n CROSS JOIN LATERAL (
           SELECT i.ctid AS row FROM signal_incidents i
           WHERE i.tenant_id = $1 AND i.user_id = n.user_id AND i.signal = 'impossible_travel'
             AND i.occurred_at >= n.ts AND i.started_at <= n.ts
             AND (i.started_at, split_part(i.incident_key, ':', 1)::bigint) < (n.ts, n.id)
             AND (n.ts, n.id) < (i.occurred_at, split_part(i.incident_key, ':', 2)::bigint) OFFSET 0) x) r
  WHERE i.ctid = r.row
  RETURNING i.user_id
),
recorded AS (
  INSERT INTO signal_incidents AS t (tenant_id, user_id, signal, incident_key, started_at, occurred_at, magnitude, evidence)
  SELECT $1, user_id, 'impossible_travel', a_id || ':' || b_id, a_ts, b_ts, coalesce(kmh, 'Infinity'),
         json_build_object('from', ${PLACE('a')}, 'to', ${PLACE('b')}, 'km', round(km::numeric, 1),
                           'kmh', round(kmh::numeric, 1), 'seconds', seconds, 'minKm', $2::float8, 'maxKmh', $3::float8)
  FROM flagged ORDER BY user_id, a_id, b_id
  ON CONFLICT (tenant_id, user_id, signal, incident_key) DO NOTHING
  ${WRITTEN}
)
INSERT INTO ${SIGNAL_FINDINGS} (user_id, signal, incident_key, started_at, occurred_at, magnitude, evidence)
SELECT * FROM recorded
UNION ALL SELECT DISTINCT user_id, 'impossible_travel', NULL::text, NULL::timestamptz, NULL::timestamptz, NULL::float8, NULL::jsonb FROM removed`;

/**
 * device_shared: for each fingerprint of the chunk with minUsers ($3) or more users, the time it became
 * shared (the minUsers-th user's first event on it), kept in `shared_fingerprints`. A user's occurrence on
 * it is at the later of that time and the user's last event on it (both in the rollups), so the engine
 * writes no row per user–device pair: a device farm makes one such pair per event. The findings name the
 * pairs whose occurrence this chunk establishes: the chunk's own pairs of shared fingerprints; when a
 * fingerprint just became shared, all its users; when that time moved (an earlier sighting arrived late),
 * the users last seen before the old or new time, which (first sightings come before last ones) are found
 * in the first-seen index and are few — fewer than minUsers before the new time.
 *
 * Each look-up is driven by the chunk's keys through an index (LATERAL ... OFFSET 0), whatever the
 * planner's statistics say: on a fresh tenant's first chunks a join plan chosen from empty statistics
 * measured 13 s per chunk.
 */
export const DEVICE_SHARED = `
WITH shared AS MATERIALIZED (
  SELECT k.fingerprint, f.user_count, sf.shared_since AS recorded_since, since.first_seen AS shared_since
  FROM unnest($2::text[]) AS k(fingerprint)
  CROSS JOIN LATERAL (SELECT f.user_count FROM fingerprint_stats f WHERE f.tenant_id = $1 AND f.fingerprint = k.fingerprint OFFSET 0) f
  CROSS JOIN LATERAL (
    SELECT uf.first_seen FROM user_fingerprints uf WHERE uf.tenant_id = $1 AND uf.fingerprint = k.fingerprint
    ORDER BY uf.first_seen, uf.user_id OFFSET $3 - 1 LIMIT 1) since
  LEFT JOIN LATERAL (SELECT sf.shared_since FROM shared_fingerprints sf WHERE sf.tenant_id = $1 AND sf.fingerprint = k.fingerprint OFFSET 0) sf ON true
),
recorded AS (
  INSERT INTO shared_fingerprints AS t (tenant_id, fingerprint, shared_since)
  SELECT $1, fingerprint, shared_since FROM shared WHERE recorded_since IS DISTINCT FROM shared_since ORDER BY fingerprint
  ON CONFLICT (tenant_id, fingerprint) DO UPDATE SET shared_since = EXCLUDED.shared_since
  RETURNING t.fingerprint
),
targets AS (
  SELECT uf.user_id, uf.fingerprint, uf.last_seen
  FROM shared s CROSS JOIN LATERAL (
    SELECT uf.user_id, uf.fingerprint, uf.last_seen FROM user_fingerprints uf
    WHERE uf.tenant_id = $1 AND uf.fingerprint = s.fingerprint
      AND (s.recorded_since IS NULL OR (uf.first_seen < greatest(s.recorded_since, s.shared_since) AND uf.last_seen < greatest(s.recorded_since, s.shared_since)))
    OFFSET 0) uf
  WHERE s.recorded_since IS DISTINCT FROM s.shared_since
  UNION
  SELECT uf.user_id, uf.fingerprint, uf.last_seen
  FROM (SELECT DISTINCT b.user_id, b.fingerprint FROM ${arrivedWithKeyIn('fingerprint', '$2')} WHERE b.user_id IS NOT NULL) seen
  CROSS JOIN LATERAL (
    SELECT uf.user_id, uf.fingerprint, uf.last_seen FROM user_fingerprints uf
    WHERE uf.tenant_id = $1 AND uf.user_id = seen.user_id AND uf.fingerprint = seen.fingerprint OFFSET 0) uf
),
evidence AS MATERIALIZED (
  SELECT s.fingerprint, s.shared_since, s.user_count,
         jsonb_build_object('fingerprint', s.fingerprint, 'userCount', s.user_count,
                            'users', ARRAY(SELECT uf.user_id FROM user_fingerprints uf WHERE uf.tenant_id = $1 AND uf.fingerprint = s.fingerprint
                                           ORDER BY uf.first_seen, uf.user_id LIMIT ${SHARED_SAMPLE_USERS}),
                            'sharedSince', app_private.iso(s.shared_since), 'minUsers', $3::int) AS evidence
  FROM shared s WHERE s.fingerprint IN (SELECT fingerprint FROM targets)
)
INSERT INTO ${SIGNAL_FINDINGS} (user_id, signal, incident_key, started_at, occurred_at, magnitude, evidence)
SELECT tg.user_id, 'device_shared', tg.fingerprint, e.shared_since, greatest(e.shared_since, tg.last_seen), e.user_count, e.evidence
FROM targets tg JOIN evidence e USING (fingerprint)`;

/**
 * account_sharing, both ways, for the batch's users with two or more fingerprints ($2), over their events
 * within windowHours ($3) of the batch's events:
 * - minFingerprints ($4) distinct fingerprints within one window [start, start + windowHours): each
 *   fingerprint's events are merged into runs (gaps shorter than the window); a window starting at
 *   `start` contains the fingerprint of every run with first - window < start <= last, so checking the
 *   starts at each run's last event finds every crowded window. One incident per user and UTC day of the
 *   window start, keeping the fullest window.
 * - two fingerprints with overlapping sessions (a sessionId, else a run of events with gaps under
 *   ${SESSION_GAP_MINUTES} minutes) whose places (first geo event) are more than minKm ($5) apart. One
 *   incident per user, fingerprint pair and UTC day of the overlap, keeping the farthest pair.
 */
export const ACCOUNT_SHARING = `
WITH ${neighbourhoodRanges('user_id', '$2', 'make_interval(secs => $3 * 3600)')},
nearby AS (
  SELECT e.* FROM ranges r CROSS JOIN LATERAL (
    SELECT e.user_id, e.fingerprint, e.ts, e.session_id, e.lat, e.lon, e.city, e.country FROM events e
    WHERE e.tenant_id = $1 AND e.user_id = r.key AND (e.user_id, e.ts) >= (r.key, r.lo) AND (e.user_id, e.ts) < (r.key, r.hi) OFFSET 0) e
),
runs AS (
  SELECT user_id, fingerprint, min(ts) AS first_ts, max(ts) AS last_ts
  FROM (SELECT user_id, fingerprint, ts, count(*) FILTER (WHERE starts_run) OVER (PARTITION BY user_id, fingerprint ORDER BY ts) AS run
        FROM (SELECT user_id, fingerprint, ts,
                     coalesce(ts - lag(ts) OVER (PARTITION BY user_id, fingerprint ORDER BY ts) >= make_interval(secs => $3 * 3600), true) AS starts_run
              FROM nearby) g) r
  GROUP BY user_id, fingerprint, run
),
crowded AS (
  SELECT j.user_id, j.last_ts AS window_start, count(DISTINCT i.fingerprint) AS fingerprints,
         array_agg(DISTINCT i.fingerprint ORDER BY i.fingerprint) AS fingerprint_list
  FROM runs j JOIN runs i ON i.user_id = j.user_id AND i.first_ts - make_interval(secs => $3 * 3600) < j.last_ts AND j.last_ts <= i.last_ts
  GROUP BY j.user_id, j.last_ts
  HAVING count(DISTINCT i.fingerprint) >= $4
),
window_incidents AS (
  SELECT DISTINCT ON (user_id, day) user_id, 'window:' || day AS incident_key, window_start AS started_at, window_start AS occurred_at,
         fingerprints::float8 AS magnitude,
         json_build_object('kind', 'fingerprints_in_window', 'fingerprints', fingerprint_list, 'fingerprintCount', fingerprints,
                           'windowStart', app_private.iso(window_start),
                           'windowEnd', app_private.iso(window_start + make_interval(secs => $3 * 3600)),
                           'windowHours', $3::float8, 'minFingerprints', $4::int) AS evidence
  FROM (SELECT *, to_char(window_start AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day FROM crowded) c
  ORDER BY user_id, day, fingerprints DESC, window_start
),
session_events AS (
  SELECT *, count(*) FILTER (WHERE starts_session) OVER (PARTITION BY user_id, fingerprint, session_id IS NULL ORDER BY ts) AS run
  FROM (SELECT *, session_id IS NULL AND coalesce(
                    ts - lag(ts) OVER (PARTITION BY user_id, fingerprint, session_id IS NULL ORDER BY ts) >= interval '${SESSION_GAP_MINUTES} minutes', true) AS starts_session
        FROM nearby) g
),
sessions AS (
  SELECT user_id, fingerprint, session_id, min(ts) AS start_ts, max(ts) AS end_ts,
         (array_agg(lat ORDER BY ts) FILTER (WHERE lat IS NOT NULL))[1] AS lat,
         (array_agg(lon ORDER BY ts) FILTER (WHERE lat IS NOT NULL))[1] AS lon,
         (array_agg(city ORDER BY ts) FILTER (WHERE lat IS NOT NULL))[1] AS city,
         (array_agg(country ORDER BY ts) FILTER (WHERE lat IS NOT NULL))[1] AS country
  FROM session_events
  GROUP BY user_id, fingerprint, session_id, CASE WHEN session_id IS NULL THEN run END
),
overlapping AS (
  SELECT a.user_id, a.fingerprint AS fp_a, b.fingerprint AS fp_b, greatest(a.start_ts, b.start_ts) AS started_at,
         least(a.end_ts, b.end_ts) AS occurred_at, app_private.haversine_km(a.lat, a.lon, b.lat, b.lon) AS km,
         json_build_array(
           json_build_object('fingerprint', a.fingerprint, 'sessionId', a.session_id, 'start', app_private.iso(a.start_ts), 'end', app_private.iso(a.end_ts),
                             'place', json_build_object('lat', a.lat, 'lon', a.lon, 'city', a.city, 'country', a.country)),
           json_build_object('fingerprint', b.fingerprint, 'sessionId', b.session_id, 'start', app_private.iso(b.start_ts), 'end', app_private.iso(b.end_ts),
                             'place', json_build_object('lat', b.lat, 'lon', b.lon, 'city', b.city, 'country', b.country))) AS sessions
  FROM sessions a JOIN sessions b
    ON b.user_id = a.user_id AND a.fingerprint < b.fingerprint AND a.start_ts <= b.end_ts AND b.start_ts <= a.end_ts
  WHERE a.lat IS NOT NULL AND b.lat IS NOT NULL
),
session_incidents AS (
  SELECT DISTINCT ON (user_id, fp_a, fp_b, day) user_id, 'sessions:' || fp_a || '|' || fp_b || ':' || day AS incident_key,
         started_at, occurred_at, km AS magnitude,
         json_build_object('kind', 'overlapping_sessions', 'fingerprints', json_build_array(fp_a, fp_b), 'km', round(km::numeric, 1),
                           'sessions', sessions, 'minKm', $5::float8) AS evidence
  FROM (SELECT *, to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day FROM overlapping WHERE km > $5) o
  ORDER BY user_id, fp_a, fp_b, day, km DESC, started_at
)
, written AS (
INSERT INTO signal_incidents AS t (tenant_id, user_id, signal, incident_key, started_at, occurred_at, magnitude, evidence)
SELECT $1, user_id, 'account_sharing', incident_key, started_at, occurred_at, magnitude, evidence::jsonb
FROM (SELECT * FROM window_incidents UNION ALL SELECT * FROM session_incidents) found
ORDER BY user_id, incident_key
ON CONFLICT (tenant_id, user_id, signal, incident_key) DO UPDATE SET
  started_at = EXCLUDED.started_at, occurred_at = EXCLUDED.occurred_at, magnitude = EXCLUDED.magnitude, evidence = EXCLUDED.evidence
WHERE EXCLUDED.magnitude > t.magnitude
${WRITTEN}
)
${KEEP_FINDINGS}`;

/**
 * velocity: for each busy fingerprint of the batch ($2), its events within windowSeconds ($3) of the
 * batch's events, each counted with the events in [its timestamp, + windowSeconds); more than maxEvents
 * ($4) is an over-limit window. Per fingerprint and window-sized bucket of the start, the users of the
 * events in over-limit windows get one incident, whose evidence is the fullest window.
 */
export const VELOCITY = `
WITH ${neighbourhoodRanges('fingerprint', '$2', 'make_interval(secs => $3)')},
nearby AS (
  SELECT e.* FROM ranges r CROSS JOIN LATERAL (
    SELECT e.fingerprint, e.event_id, e.user_id, e.ts FROM events e
    WHERE e.tenant_id = $1 AND e.fingerprint = r.key AND (e.fingerprint, e.ts) >= (r.key, r.lo) AND (e.fingerprint, e.ts) < (r.key, r.hi) OFFSET 0) e
),
counted AS (
  SELECT fingerprint, ts,
         count(*) OVER (PARTITION BY fingerprint ORDER BY ts RANGE BETWEEN CURRENT ROW AND make_interval(secs => $3) - interval '1 millisecond' FOLLOWING) AS events
  FROM nearby
),
bursts AS (
  SELECT fingerprint, floor(extract(epoch FROM ts) / $3)::bigint AS bucket, min(ts) AS first_start, max(ts) AS last_start,
         (array_agg(ts ORDER BY events DESC, ts))[1] AS peak_start, max(events) AS peak_events
  FROM counted WHERE events > $4
  GROUP BY fingerprint, bucket
),
burst_users AS (
  SELECT b.fingerprint, b.bucket, e.user_id, min(e.ts) AS started_at, max(e.ts) AS occurred_at
  FROM bursts b JOIN nearby e ON e.fingerprint = b.fingerprint AND e.ts >= b.first_start AND e.ts < b.last_start + make_interval(secs => $3)
  WHERE e.user_id IS NOT NULL
  GROUP BY b.fingerprint, b.bucket, e.user_id
),
evidence AS MATERIALIZED (
  SELECT b.fingerprint, b.bucket, b.peak_events,
         json_build_object('fingerprint', b.fingerprint, 'windowStart', app_private.iso(b.peak_start),
                           'windowEnd', app_private.iso(b.peak_start + make_interval(secs => $3)), 'events', b.peak_events,
                           'eventIds', ARRAY(SELECT e.event_id FROM nearby e WHERE e.fingerprint = b.fingerprint AND e.ts >= b.peak_start
                                             AND e.ts < b.peak_start + make_interval(secs => $3) ORDER BY e.ts, e.event_id LIMIT 100),
                           'users', ARRAY(SELECT DISTINCT u.user_id FROM burst_users u WHERE u.fingerprint = b.fingerprint AND u.bucket = b.bucket
                                          ORDER BY u.user_id LIMIT 20),
                           'maxEvents', $4::int, 'windowSeconds', $3::int) AS evidence
  FROM bursts b
)
, written AS (
INSERT INTO signal_incidents AS t (tenant_id, user_id, signal, incident_key, started_at, occurred_at, magnitude, evidence)
SELECT $1, u.user_id, 'velocity', u.fingerprint || '@' || (u.bucket * $3::bigint), u.started_at, u.occurred_at, ev.peak_events, ev.evidence::jsonb
FROM burst_users u JOIN evidence ev USING (fingerprint, bucket)
ORDER BY u.user_id, u.fingerprint, u.bucket
ON CONFLICT (tenant_id, user_id, signal, incident_key) DO UPDATE SET
  started_at = least(t.started_at, EXCLUDED.started_at), occurred_at = greatest(t.occurred_at, EXCLUDED.occurred_at),
  magnitude = greatest(t.magnitude, EXCLUDED.magnitude),
  evidence = CASE WHEN EXCLUDED.magnitude >= t.magnitude THEN EXCLUDED.evidence ELSE t.evidence END
WHERE EXCLUDED.magnitude > t.magnitude OR EXCLUDED.started_at < t.started_at OR EXCLUDED.occurred_at > t.occurred_at
${WRITTEN}
)
${KEEP_FINDINGS}`;

@Injectable()
export class SignalEngineRepository extends TenantScopedRepository {
  /**
   * Serialises the engine's folds and the tenant's triage, per tenant, until the transaction ends: a
   * dismissal committed while a chunk was computing risk from the old status would otherwise be undone.
   * The evidence statements before the fold neither read the status nor write what a triage writes.
   */
  async lock(): Promise<void> {
    await this.scoped(`SELECT pg_advisory_xact_lock(hashtextextended('signals:' || $1, 0))`);
  }

  /** Before a triage: the risk scores it changes are recorded (see signal-changes). */
  async recordRiskChanges(): Promise<void> {
    await this.db.query(CREATE_USER_RISK_CHANGES);
  }

  /** Recomputes the risk rows of every user incident `$2` applies to, after its triage changed whether it counts. */
  async refreshUsersOf(incidentId: string): Promise<void> {
    const users = await this.scoped<{ user_id: string }>(INCIDENT_USERS, [incidentId]);
    if (users.length > 0) await this.scoped(REFRESH_USER_RISK, [users.map((row) => row.user_id)]);
  }

  /**
   * Empties the findings (a chunk retried in halves runs the statements more than once per transaction),
   * and makes sure the change tables the chunk records exist (they keep every part's changes).
   */
  async prepare(changeLog: ChangeLog): Promise<void> {
    await this.db.query(CREATE_SIGNAL_FINDINGS);
    await this.db.query(`TRUNCATE ${SIGNAL_FINDINGS}`);
    if (changeLog.incidents) await this.db.query(CREATE_INCIDENT_CHANGES);
    if (changeLog.userRisk) await this.db.query(CREATE_USER_RISK_CHANGES);
  }

  /** After the signal statements of a chunk: see foldFindingsFor. */
  async fold(changeLog: ChangeLog): Promise<void> {
    const fold = foldFindingsFor(changeLog);
    await this.scopedPrepared(fold.name, fold.sql);
  }

  /** See RESCORE_STALE_RISK: at most `limit` rows per call. */
  async rescoreStaleRisk(limit: number): Promise<void> {
    await this.scopedPrepared('signals.rescore_stale_risk', RESCORE_STALE_RISK, [limit]);
  }

  async impossibleTravel(settings: SignalSettings['impossibleTravel']): Promise<void> {
    await this.scopedPrepared('signals.impossible_travel', IMPOSSIBLE_TRAVEL, [settings.minKm, settings.maxKmh]);
  }

  async deviceShared(shared: string[], settings: SignalSettings['deviceShared']): Promise<void> {
    await this.scopedPrepared('signals.device_shared', DEVICE_SHARED, [shared, settings.minUsers]);
  }

  async accountSharing(users: string[], settings: SignalSettings['accountSharing']): Promise<void> {
    await this.scopedPrepared('signals.account_sharing', ACCOUNT_SHARING, [users, settings.windowHours, settings.minFingerprints, settings.minKm]);
  }

  async velocity(fingerprints: string[], settings: SignalSettings['velocity']): Promise<void> {
    await this.scopedPrepared('signals.velocity', VELOCITY, [fingerprints, settings.windowSeconds, settings.maxEvents]);
  }
}
