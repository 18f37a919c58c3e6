import { SIGNALS } from './risk.js';

/**
 * The incident rows the signal statements of one chunk wrote (and, with a NULL `incident_key`, users
 * whose incidents they removed): private to the worker's session, emptied at commit. FOLD_FINDINGS
 * turns them into the read models whose size follows subjects and days, not events.
 */
export const SIGNAL_FINDINGS = 'signal_findings';

export const CREATE_SIGNAL_FINDINGS = `
  CREATE TEMP TABLE IF NOT EXISTS ${SIGNAL_FINDINGS} (
    user_id text COLLATE "C" NOT NULL,
    signal text NOT NULL,
    incident_key text COLLATE "C",
    started_at timestamptz,
    occurred_at timestamptz,
    magnitude double precision,
    evidence jsonb
  ) ON COMMIT DELETE ROWS`;

/** The subject of an incident: the fingerprint for device_shared and velocity (its key starts with it), else the user. */
const SUBJECT_ID = `CASE f.signal WHEN 'device_shared' THEN f.incident_key WHEN 'velocity' THEN split_part(f.incident_key, '@', 1) ELSE f.user_id END`;
const SUBJECT_TYPE = `CASE WHEN f.signal IN ('device_shared', 'velocity') THEN 'fingerprint' ELSE 'user' END`;
export const MAX_INCIDENT_USERS = 100;

/**
 * One statement per chunk, after the signal statements:
 * - `user_signals` (one row per user and signal: the first and last time it occurred) is recomputed for
 *   every user the chunk touched, from that user's incident rows, so removed incidents shrink it too. Risk
 *   and signal lists read it: its size is users × signals, whatever the traffic.
 * - `incidents` (one row per signal, subject and UTC day of the triggering event) grows in place:
 *   occurrences add up, first/last seen widen, up to 100 users are listed, the strongest evidence stays,
 *   and the tenant's triage (status, note) is never touched.
 */
export const FOLD_FINDINGS = `
WITH touched AS (SELECT DISTINCT user_id FROM ${SIGNAL_FINDINGS}),
fresh AS MATERIALIZED (
  SELECT i.user_id, i.signal, min(i.occurred_at) AS first_at, max(i.occurred_at) AS last_at
  FROM touched t JOIN signal_incidents i ON i.tenant_id = $1 AND i.user_id = t.user_id
  GROUP BY i.user_id, i.signal
),
gone AS (
  DELETE FROM user_signals s USING touched t
  WHERE s.tenant_id = $1 AND s.user_id = t.user_id AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.user_id = s.user_id AND f.signal = s.signal)
  RETURNING 1
),
kept AS (
  INSERT INTO user_signals AS t (tenant_id, user_id, signal, first_at, last_at)
  SELECT $1, user_id, signal, first_at, last_at FROM fresh ORDER BY user_id, signal
  ON CONFLICT (tenant_id, user_id, signal) DO UPDATE SET first_at = EXCLUDED.first_at, last_at = EXCLUDED.last_at
  WHERE (t.first_at, t.last_at) IS DISTINCT FROM (EXCLUDED.first_at, EXCLUDED.last_at)
  RETURNING 1
),
found AS (
  SELECT f.signal, ${SUBJECT_TYPE} AS subject_type, ${SUBJECT_ID} AS subject_id, (f.occurred_at AT TIME ZONE 'UTC')::date AS day,
         f.user_id, f.started_at, f.occurred_at, f.magnitude, f.evidence
  FROM ${SIGNAL_FINDINGS} f WHERE f.incident_key IS NOT NULL AND f.signal = ANY('{${SIGNALS.join(',')}}'::text[])
),
grouped AS (
  SELECT signal, subject_type, subject_id, day, count(*) AS occurrences, min(least(started_at, occurred_at)) AS first_seen_at,
         max(occurred_at) AS last_seen_at, (array_agg(DISTINCT user_id))[1:${MAX_INCIDENT_USERS}] AS users, max(magnitude) AS magnitude,
         (array_agg(evidence ORDER BY magnitude DESC, occurred_at DESC))[1] AS evidence
  FROM found GROUP BY signal, subject_type, subject_id, day
)
INSERT INTO incidents AS t (tenant_id, signal, subject_type, subject_id, day, first_seen_at, last_seen_at, occurrences, users, magnitude, evidence)
SELECT $1, signal, subject_type, subject_id, day, first_seen_at, last_seen_at, occurrences, users, magnitude, evidence
FROM grouped ORDER BY signal, subject_id, day
ON CONFLICT (tenant_id, signal, subject_id, day) DO UPDATE SET
  occurrences = t.occurrences + EXCLUDED.occurrences,
  first_seen_at = least(t.first_seen_at, EXCLUDED.first_seen_at),
  last_seen_at = greatest(t.last_seen_at, EXCLUDED.last_seen_at),
  users = CASE WHEN cardinality(t.users) >= ${MAX_INCIDENT_USERS} OR EXCLUDED.users <@ t.users THEN t.users
               ELSE ARRAY(SELECT DISTINCT u FROM unnest(t.users || EXCLUDED.users) u ORDER BY u LIMIT ${MAX_INCIDENT_USERS}) END,
  magnitude = greatest(t.magnitude, EXCLUDED.magnitude),
  evidence = CASE WHEN EXCLUDED.magnitude > t.magnitude THEN EXCLUDED.evidence ELSE t.evidence END,
  updated_at = now()`;
