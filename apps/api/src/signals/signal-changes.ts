import { riskLevelSql, SIGNAL_WINDOW_DAYS } from './risk.js';

/**
 * What a transaction changed in the signals' read models: a chunk's fold records them when the chunk's
 * change log asks (see ChangeLog), a triage records the risk scores it changed. Private to the session,
 * emptied at commit, so a rolled-back change leaves nothing and each transaction starts empty. A chunk
 * retried in halves folds more than once: readers coalesce per incident and per user.
 */
export const INCIDENT_CHANGES = 'incident_changes';
export const USER_RISK_CHANGES = 'user_risk_changes';

export const CREATE_INCIDENT_CHANGES = `
  CREATE TEMP TABLE IF NOT EXISTS ${INCIDENT_CHANGES} (incident_id bigint NOT NULL, created boolean NOT NULL) ON COMMIT DELETE ROWS`;

export const CREATE_USER_RISK_CHANGES = `
  CREATE TEMP TABLE IF NOT EXISTS ${USER_RISK_CHANGES} (
    seq bigint GENERATED ALWAYS AS IDENTITY,
    user_id text COLLATE "C" NOT NULL,
    previous_score int NOT NULL,
    score int NOT NULL
  ) ON COMMIT DELETE ROWS`;

/** The start of the window risk is computed over (the users list's default), as SQL. */
export const RISK_WINDOW_START = `now() - make_interval(days => ${SIGNAL_WINDOW_DAYS})`;

/** The incidents the chunk created or changed, once each (`incident_id`, `created`: the chunk inserted it). */
export const CHANGED_INCIDENTS = `SELECT incident_id, bool_or(created) AS created FROM ${INCIDENT_CHANGES} GROUP BY incident_id`;

/** The users whose risk level the transaction changed (`user_id`, `previous_score` before its first change, `score` after its last). */
export const RISK_LEVEL_CHANGES = `
SELECT user_id, previous_score, score FROM (
  SELECT user_id, (array_agg(previous_score ORDER BY seq))[1] AS previous_score, (array_agg(score ORDER BY seq DESC))[1] AS score
  FROM ${USER_RISK_CHANGES} GROUP BY user_id) c
WHERE ${riskLevelSql('previous_score')} <> ${riskLevelSql('score')}`;
