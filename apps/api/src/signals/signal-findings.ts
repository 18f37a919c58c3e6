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
const subjectId = (f: string) =>
  `CASE ${f}.signal WHEN 'device_shared' THEN ${f}.incident_key WHEN 'velocity' THEN split_part(${f}.incident_key, '@', 1) ELSE ${f}.user_id END`;
const SUBJECT_TYPE = `CASE WHEN f.signal IN ('device_shared', 'velocity') THEN 'fingerprint' ELSE 'user' END`;
export const MAX_INCIDENT_USERS = 100;
/** Users named in a device_shared incident's evidence. */
export const SHARED_SAMPLE_USERS = 20;

/** An occurrence (alias `f`, with signal, incident_key, user_id, occurred_at) whose incident the tenant dismissed: it counts in history, not in risk. */
export const dismissed = (f: string) => `EXISTS (
  SELECT 1 FROM incidents x WHERE x.tenant_id = $1 AND x.signal = ${f}.signal AND x.subject_id = ${subjectId(f)}
    AND x.day = (${f}.occurred_at AT TIME ZONE 'UTC')::date AND x.status = 'dismissed')`;

/**
 * Users' signals recomputed from the evidence: impossible_travel, account_sharing and velocity from
 * `signal_incidents`, and (`withShared`) device_shared from the user's fingerprints that are shared (the
 * occurrence is at the later of "became shared" and the user's last event there). Occurrences of
 * dismissed incidents are left out. `users`: an expression giving the users (text[]).
 */
const userSignalsOf = (users: string, withShared: boolean) => `
SELECT i.user_id, i.signal, min(i.occurred_at) AS first_at, max(i.occurred_at) AS last_at
FROM unnest(${users}) AS u(user_id)
CROSS JOIN LATERAL (
  SELECT i.user_id, i.signal, i.incident_key, i.occurred_at FROM signal_incidents i
  WHERE i.tenant_id = $1 AND i.user_id = u.user_id AND i.signal <> 'device_shared'
  ${
    withShared
      ? `UNION ALL
  SELECT uf.user_id, 'device_shared', uf.fingerprint, greatest(sf.shared_since, uf.last_seen)
  FROM user_fingerprints uf JOIN shared_fingerprints sf ON sf.tenant_id = $1 AND sf.fingerprint = uf.fingerprint
  WHERE uf.tenant_id = $1 AND uf.user_id = u.user_id`
      : ''
  }
  OFFSET 0) i
WHERE NOT ${dismissed('i')}
GROUP BY i.user_id, i.signal`;

/** Recomputes the `user_signals` rows of the users `$2` (text[]) from their evidence. */
export const REFRESH_USER_SIGNALS = `
WITH fresh AS MATERIALIZED (${userSignalsOf('$2::text[]', true)}),
gone AS (
  DELETE FROM user_signals s WHERE s.tenant_id = $1 AND s.user_id = ANY($2::text[])
    AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.user_id = s.user_id AND f.signal = s.signal)
)
INSERT INTO user_signals AS t (tenant_id, user_id, signal, first_at, last_at)
SELECT $1, user_id, signal, first_at, last_at FROM fresh ORDER BY user_id, signal
ON CONFLICT (tenant_id, user_id, signal) DO UPDATE SET first_at = EXCLUDED.first_at, last_at = EXCLUDED.last_at
WHERE (t.first_at, t.last_at) IS DISTINCT FROM (EXCLUDED.first_at, EXCLUDED.last_at)`;

/**
 * The users an incident applies to (`$2` its id), all of them, not only the 100 it lists: for a user
 * subject, that user; for device_shared, the fingerprint's users whose occurrence falls on its day; for
 * velocity, the users of its bursts that day.
 */
export const INCIDENT_USERS = `
SELECT DISTINCT u.user_id FROM incidents x
CROSS JOIN LATERAL (
  SELECT x.subject_id AS user_id WHERE x.subject_type = 'user'
  UNION ALL
  SELECT uf.user_id FROM user_fingerprints uf JOIN shared_fingerprints sf ON sf.tenant_id = $1 AND sf.fingerprint = uf.fingerprint
  WHERE x.signal = 'device_shared' AND uf.tenant_id = $1 AND uf.fingerprint = x.subject_id
    AND (greatest(sf.shared_since, uf.last_seen) AT TIME ZONE 'UTC')::date = x.day
  UNION ALL
  SELECT i.user_id FROM signal_incidents i
  WHERE x.signal = 'velocity' AND i.tenant_id = $1 AND i.signal = 'velocity'
    AND i.occurred_at >= x.day AT TIME ZONE 'UTC' AND i.occurred_at < (x.day + 1) AT TIME ZONE 'UTC' AND split_part(i.incident_key, '@', 1) = x.subject_id
) u
WHERE x.tenant_id = $1 AND x.id = $2`;

/**
 * One statement per chunk, after the signal statements:
 * - `user_signals` (one row per user and signal: the first and last time it occurred, dismissed incidents
 *   left out). Risk and signal lists read it: its size is users × signals, whatever the traffic.
 *   impossible_travel, account_sharing and velocity are recomputed for every user the chunk touched, from
 *   that user's evidence rows, so removed evidence shrinks them too. device_shared only widens: the
 *   chunk's occurrences extend the user's first and last time (recomputing from every fingerprint of
 *   every user of a device farm's chunk read twenty rows per event).
 * - `incidents` (one row per signal, subject and UTC day of the triggering event) grows in place:
 *   occurrences add up, first/last seen widen, up to 100 users are listed, the strongest evidence stays,
 *   and the tenant's triage (status, note) is never touched.
 */
export const FOLD_FINDINGS = `
WITH touched AS (SELECT array_agg(DISTINCT user_id) AS users FROM ${SIGNAL_FINDINGS} WHERE signal <> 'device_shared'),
fresh AS MATERIALIZED (${userSignalsOf('(SELECT users FROM touched)', false)}),
gone AS (
  DELETE FROM user_signals s USING touched t
  WHERE s.tenant_id = $1 AND s.user_id = ANY(t.users) AND s.signal <> 'device_shared'
    AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.user_id = s.user_id AND f.signal = s.signal)
  RETURNING 1
),
shared AS (
  SELECT f.user_id, 'device_shared' AS signal, min(f.occurred_at) AS first_at, max(f.occurred_at) AS last_at
  FROM ${SIGNAL_FINDINGS} f WHERE f.signal = 'device_shared' AND NOT ${dismissed('f')}
  GROUP BY f.user_id
),
kept AS (
  INSERT INTO user_signals AS t (tenant_id, user_id, signal, first_at, last_at)
  SELECT $1, user_id, signal, first_at, last_at FROM (SELECT * FROM fresh UNION ALL SELECT * FROM shared) k ORDER BY user_id, signal
  ON CONFLICT (tenant_id, user_id, signal) DO UPDATE SET
    first_at = CASE WHEN EXCLUDED.signal = 'device_shared' THEN least(t.first_at, EXCLUDED.first_at) ELSE EXCLUDED.first_at END,
    last_at = CASE WHEN EXCLUDED.signal = 'device_shared' THEN greatest(t.last_at, EXCLUDED.last_at) ELSE EXCLUDED.last_at END
  WHERE (t.first_at, t.last_at) IS DISTINCT FROM (EXCLUDED.first_at, EXCLUDED.last_at)
  RETURNING 1
),
found AS (
  SELECT f.signal, ${SUBJECT_TYPE} AS subject_type, ${subjectId('f')} AS subject_id, (f.occurred_at AT TIME ZONE 'UTC')::date AS day,
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
