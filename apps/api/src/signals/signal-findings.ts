import type { ChangeLog } from '../pipeline/event-projection.js';
import { firstColumn, lastColumn, riskScoreInWindowSql, type Signal, SIGNALS, SPAN_COLUMNS, storedRiskSql, storedScoreStale } from './risk.js';
import { INCIDENT_CHANGES, RISK_WINDOW_START, USER_RISK_CHANGES } from './signal-changes.js';

/**
 * The incident rows the signal statements of one chunk wrote (and, with a NULL `incident_key`, users
 * whose incidents they removed): private to the worker's session, emptied at commit. The fold (foldFindingsFor)
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

/**
 * An occurrence (alias `f`, with signal, incident_key, user_id, occurred_at) whose incident the tenant
 * dismissed: it counts in history, not in risk. One probe of `incidents_dismissed_idx` per occurrence;
 * `OFFSET 0` keeps it a keyed probe whatever the statistics say (as an anti-join, expecting one dismissed
 * row, the planner read all of `incidents` per chunk, and with the partial index it would compare every
 * occurrence with every dismissed incident).
 */
export const dismissed = (f: string) => `EXISTS (
  SELECT 1 FROM incidents x WHERE x.tenant_id = $1 AND x.signal = ${f}.signal AND x.subject_id = ${subjectId(f)}
    AND x.day = (${f}.occurred_at AT TIME ZONE 'UTC')::date AND x.status = 'dismissed' OFFSET 0)`;

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

const OTHER_SIGNALS = SIGNALS.filter((signal) => signal !== 'device_shared');
const columnsOf = (signals: readonly Signal[]) => signals.flatMap((signal) => [firstColumn(signal), lastColumn(signal)]);

/** What a `user_risk` write sets: the spans and the stored score with its expiry. */
const RISK_ROW_COLUMNS = [...SPAN_COLUMNS, 'risk_score', 'risk_score_expires_at'];
/** The risk row's columns of `alias` as one row value (to compare two of them). */
const riskRow = (alias: string) => `(${RISK_ROW_COLUMNS.map((column) => `${alias}.${column}`).join(', ')})`;
/** An upsert's update of every risk column from the proposed row. */
const RISK_ROW_UPDATE = `ON CONFLICT (tenant_id, user_id) DO UPDATE SET ${RISK_ROW_COLUMNS.map((column) => `${column} = EXCLUDED.${column}`).join(', ')}`;
const STORED_RISK = storedRiskSql('s');
/** The rows of `spans` (a query with user_id and the span columns) with their stored score, as `user_risk` takes them. */
const withStoredRisk = (spans: string) =>
  `SELECT s.user_id, ${SPAN_COLUMNS.map((column) => `s.${column}`).join(', ')}, ${STORED_RISK.score} AS risk_score, ${STORED_RISK.expiresAt} AS risk_score_expires_at FROM (${spans}) s`;

/** Spans (user_id, signal, first_at, last_at) pivoted to one row per user of `users` (text[] expression), with `signals`' columns. */
const pivot = (users: string, spans: string, signals: readonly Signal[]) => `
SELECT u.user_id, ${signals
  .map(
    (signal) =>
      `min(f.first_at) FILTER (WHERE f.signal = '${signal}') AS ${firstColumn(signal)}, max(f.last_at) FILTER (WHERE f.signal = '${signal}') AS ${lastColumn(signal)}`,
  )
  .join(', ')}
FROM unnest(${users}) AS u(user_id) LEFT JOIN ${spans} f ON f.user_id = u.user_id
GROUP BY u.user_id`;

/**
 * `risk_hours` counts users per UTC hour of their latest occurrence: of any signal (`any`, the `last_at`
 * of `user_risk`) and of each signal, as the time series of risky users reads them. It follows every
 * write of `user_risk`: a written user moves from the hours of its row before to those of its row after.
 */
const RISK_SERIES: ReadonlyArray<readonly [series: string, column: string]> = [
  ['any', 'last_at'],
  ...SIGNALS.map((signal) => [signal, lastColumn(signal)] as const),
];
const RISK_COLUMNS = RISK_SERIES.map(([, column]) => column);
const WRITTEN_RISK = `RETURNING t.user_id, ${RISK_COLUMNS.map((column) => `t.${column}`).join(', ')}`;

/** The `user_risk` rows of the users `users` (a query giving user_id) as they are before the statement writes. */
const riskBefore = (users: string) => `
SELECT x.* FROM (${users}) k
CROSS JOIN LATERAL (SELECT * FROM user_risk x WHERE x.tenant_id = $1 AND x.user_id = k.user_id OFFSET 0) x`;

/** Moves the users written (`after`, as WRITTEN_RISK returns them) between the hours of `risk_hours`, from their rows in `before`. */
const countRiskHours = (before: string, after: string) => `
INSERT INTO risk_hours AS t (tenant_id, series, hour, users)
SELECT $1, c.series, date_trunc('hour', c.at, 'UTC') AS hour, sum(c.delta)
FROM ${after} a LEFT JOIN ${before} b ON b.user_id = a.user_id
CROSS JOIN LATERAL (VALUES ${RISK_SERIES.map(([series, column]) => `('${series}', b.${column}, -1), ('${series}', a.${column}, 1)`).join(', ')}) AS c(series, at, delta)
WHERE c.at IS NOT NULL
GROUP BY c.series, hour HAVING sum(c.delta) <> 0 ORDER BY c.series, hour
ON CONFLICT (tenant_id, series, hour) DO UPDATE SET users = t.users + EXCLUDED.users`;

/** Records the users written (`after`) whose risk score in the window moved from their rows in `before`. */
const recordRiskChanges = (before: string, after: string) => `
INSERT INTO ${USER_RISK_CHANGES} (user_id, previous_score, score)
SELECT a.user_id, p.score, n.score FROM ${after} a LEFT JOIN ${before} b ON b.user_id = a.user_id
CROSS JOIN LATERAL (SELECT ${riskScoreInWindowSql('b', RISK_WINDOW_START)} AS score) p
CROSS JOIN LATERAL (SELECT ${riskScoreInWindowSql('a', RISK_WINDOW_START)} AS score) n
WHERE p.score <> n.score`;

/** Recomputes the `user_risk` rows of the users `$2` (text[]) from their evidence, moves them in `risk_hours`, and records the scores it changed. */
export const REFRESH_USER_RISK = `
WITH fresh AS MATERIALIZED (${userSignalsOf('$2::text[]', true)}),
risk_before AS MATERIALIZED (${riskBefore('SELECT unnest($2::text[]) AS user_id')}),
kept AS (
  INSERT INTO user_risk AS t (tenant_id, user_id, ${RISK_ROW_COLUMNS.join(', ')})
  SELECT $1, p.* FROM (${withStoredRisk(pivot('$2::text[]', 'fresh', SIGNALS))}) p ORDER BY p.user_id
  ${RISK_ROW_UPDATE}
  ${WRITTEN_RISK}
),
risk_changes AS (${recordRiskChanges('risk_before', 'kept')} RETURNING 1)
${countRiskHours('risk_before', 'kept')}`;

/**
 * Rescores up to `$2` `user_risk` rows whose stored score counts a signal that has left the projection's
 * window (their spans are unchanged): readers rescore such rows themselves, so this keeps their number
 * small for tenants that keep sending events. Oldest expiry first, on `user_risk_score_expiry_idx`.
 */
export const RESCORE_STALE_RISK = `
UPDATE user_risk AS t SET risk_score = x.risk_score, risk_score_expires_at = x.risk_score_expires_at
FROM (${withStoredRisk(`SELECT r.* FROM user_risk r WHERE r.tenant_id = $1 AND ${storedScoreStale('r')} ORDER BY r.risk_score_expires_at LIMIT $2`)}) x
WHERE t.tenant_id = $1 AND t.user_id = x.user_id`;

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
 * - `user_risk` (one row per user: each signal's first and last occurrence, dismissed incidents left out).
 *   Risk and signal lists read it: its size is users, whatever the traffic. impossible_travel,
 *   account_sharing and velocity are recomputed for every user the chunk touched, from that user's
 *   evidence rows, so removed evidence shrinks them too. device_shared only widens: the chunk's
 *   occurrences extend the user's span (recomputing from every fingerprint of every user of a device
 *   farm's chunk read twenty rows per event), so a span keeps occurrences a late sighting later moved.
 *   Each written row carries its stored risk score and expiry (see storedRiskSql).
 * - `account_sharing_fingerprints` widens the span of each fingerprint the account-sharing evidence written
 *   names (kept when stronger evidence later replaces it: the fingerprints total counts history).
 * - `incidents` (one row per signal, subject and UTC day of the triggering event) grows in place:
 *   occurrences add up, first/last seen widen, up to 100 users are listed, the strongest evidence stays,
 *   and the tenant's triage (status, note) is never touched.
 * - `risk_hours` follows the `user_risk` rows written, and `incident_hours` counts the incidents per
 *   signal and UTC hour of their first event (both for the time series).
 */
const foldFindings = (changeLog: ChangeLog) => `
WITH touched AS (SELECT array_agg(DISTINCT user_id) AS users FROM ${SIGNAL_FINDINGS} WHERE signal <> 'device_shared'),
fresh AS MATERIALIZED (${userSignalsOf('(SELECT users FROM touched)', false)}),
recomputed AS (${pivot('(SELECT users FROM touched)', 'fresh', OTHER_SIGNALS)}),
shared AS (
  SELECT f.user_id, min(f.occurred_at) AS ${firstColumn('device_shared')}, max(f.occurred_at) AS ${lastColumn('device_shared')}
  FROM ${SIGNAL_FINDINGS} f WHERE f.signal = 'device_shared' AND NOT ${dismissed('f')}
  GROUP BY f.user_id
),
-- The rows of the users about to be written, read once: the spans keep what is not recomputed, and
-- risk_hours moves the users from them.
risk_before AS MATERIALIZED (${riskBefore('SELECT user_id FROM recomputed UNION SELECT user_id FROM shared')}),
-- One row per user for one upsert (a row may not be changed twice in a statement): users not recomputed
-- keep their other signals as they are, and device_shared widens the row's span (read in risk_before, under
-- the tenant's signals lock), so the stored score is computed from the row as written.
spans AS (
  SELECT k.user_id, ${columnsOf(OTHER_SIGNALS)
    .map((column) => `CASE WHEN r.user_id IS NULL THEN cur.${column} ELSE r.${column} END AS ${column}`)
    .join(', ')},
         least(cur.${firstColumn('device_shared')}, s.${firstColumn('device_shared')}) AS ${firstColumn('device_shared')},
         greatest(cur.${lastColumn('device_shared')}, s.${lastColumn('device_shared')}) AS ${lastColumn('device_shared')}
  FROM (SELECT user_id FROM recomputed UNION SELECT user_id FROM shared) k
  LEFT JOIN recomputed r ON r.user_id = k.user_id
  LEFT JOIN shared s ON s.user_id = k.user_id
  LEFT JOIN risk_before cur ON cur.user_id = k.user_id
),
-- Only the rows that change are proposed: a conflicting row the upsert leaves as it is is still locked,
-- which dirties its page and logs the lock (on a device farm about half of a chunk's users).
kept AS (
  INSERT INTO user_risk AS t (tenant_id, user_id, ${RISK_ROW_COLUMNS.join(', ')})
  SELECT $1, s.* FROM (${withStoredRisk('SELECT * FROM spans')}) s LEFT JOIN risk_before b ON b.user_id = s.user_id
  WHERE b.user_id IS NULL
     OR ${riskRow('b')} IS DISTINCT FROM ${riskRow('s')}
  ORDER BY s.user_id
  ${RISK_ROW_UPDATE}
  WHERE ${riskRow('t')} IS DISTINCT FROM ${riskRow('EXCLUDED')}
  ${WRITTEN_RISK}
),
-- Each fingerprint named by the account-sharing evidence written, with the span of those occurrences.
sharing_fingerprints AS (
  INSERT INTO account_sharing_fingerprints AS t (tenant_id, fingerprint, first_at, last_at)
  SELECT $1, fp.fingerprint, min(f.occurred_at), max(f.occurred_at)
  FROM ${SIGNAL_FINDINGS} f CROSS JOIN LATERAL jsonb_array_elements_text(f.evidence->'fingerprints') AS fp(fingerprint)
  WHERE f.signal = 'account_sharing' AND f.incident_key IS NOT NULL
  GROUP BY fp.fingerprint ORDER BY fp.fingerprint
  ON CONFLICT (tenant_id, fingerprint) DO UPDATE SET first_at = least(t.first_at, EXCLUDED.first_at), last_at = greatest(t.last_at, EXCLUDED.last_at)
  WHERE EXCLUDED.first_at < t.first_at OR EXCLUDED.last_at > t.last_at
  RETURNING 1
),
risk_counted AS (${countRiskHours('risk_before', 'kept')} RETURNING 1),
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
),
-- Incidents per signal and UTC hour of their first event (\`incident_hours\`, for the time series): an
-- incident counts in the hour of its first_seen_at, and moves when earlier evidence arrives. The current
-- incidents are read before this statement's upsert changes them (one index probe per incident found).
moved AS MATERIALIZED (
  SELECT g.signal, g.first_seen_at AS found_at, x.first_seen_at AS known_at
  FROM grouped g
  LEFT JOIN LATERAL (
    SELECT x.first_seen_at FROM incidents x WHERE x.tenant_id = $1 AND x.signal = g.signal AND x.subject_id = g.subject_id AND x.day = g.day OFFSET 0) x ON true
  WHERE x.first_seen_at IS NULL OR g.first_seen_at < x.first_seen_at
),
counted AS (
  INSERT INTO incident_hours AS t (tenant_id, signal, hour, incidents)
  SELECT $1, signal, hour, sum(delta) FROM (
    SELECT signal, date_trunc('hour', found_at, 'UTC') AS hour, 1 AS delta FROM moved
    UNION ALL
    SELECT signal, date_trunc('hour', known_at, 'UTC'), -1 FROM moved WHERE known_at IS NOT NULL) d
  GROUP BY signal, hour ORDER BY signal, hour
  ON CONFLICT (tenant_id, signal, hour) DO UPDATE SET incidents = t.incidents + EXCLUDED.incidents
  RETURNING 1
)${
  changeLog.userRisk
    ? `,
risk_changes AS (${recordRiskChanges('risk_before', 'kept')} RETURNING 1)`
    : ''
}${
  changeLog.incidents
    ? `,
incidents_written AS (`
    : ''
}
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
  updated_at = now()${
    // An upserted row's xmax is 0 when the statement inserted it, and the locking transaction when it updated it.
    changeLog.incidents
      ? `
  RETURNING t.id, t.xmax = 0 AS created)
INSERT INTO ${INCIDENT_CHANGES} (incident_id, created) SELECT id, created FROM incidents_written`
      : ''
  }`;

const foldKey = (changeLog: ChangeLog) => `${changeLog.incidents ? '.incidents' : ''}${changeLog.userRisk ? '.risk' : ''}`;
const FOLDS = new Map(
  [false, true]
    .flatMap((incidents) => [false, true].map((userRisk) => ({ incidents, userRisk })))
    .map((changeLog) => [foldKey(changeLog), foldFindings(changeLog)]),
);

/** The fold of a chunk recording the changes its change log asks for, with the name it is prepared under. */
export function foldFindingsFor(changeLog: ChangeLog): { name: string; sql: string } {
  return { name: `signals.fold_findings${foldKey(changeLog)}`, sql: FOLDS.get(foldKey(changeLog))! };
}
