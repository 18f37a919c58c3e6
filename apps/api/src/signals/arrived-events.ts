/**
 * The batch just stored, as the signal engine reads it: a table private to the database session and
 * emptied at every commit. The store statement fills it in the ingest transaction, so the engine's
 * statements read typed rows instead of parsing the batch again.
 */
export const ARRIVED_EVENTS = 'arrived_events';

export const CREATE_ARRIVED_EVENTS = `
  CREATE TEMP TABLE IF NOT EXISTS ${ARRIVED_EVENTS} (
    id bigint NOT NULL,
    event_id text COLLATE "C" NOT NULL,
    ts timestamptz NOT NULL,
    lat double precision,
    lon double precision,
    country text,
    city text,
    fingerprint text COLLATE "C" NOT NULL,
    user_id text COLLATE "C",
    session_id text COLLATE "C"
  ) ON COMMIT DELETE ROWS`;

/**
 * The batch just stored, with the columns the analytics need: the new events are staged in the session
 * table `arrived_events` by the store statement, and read back from `events` by primary key.
 */
export const BATCH_EVENTS = `
arrived AS MATERIALIZED (
  SELECT e.id, e.event_id, e.ts, e.user_id, e.fingerprint, e.domainprint, e.event_type, e.campaign_source, e.campaign_medium, e.campaign_name
  FROM ${ARRIVED_EVENTS} a
  JOIN events e ON e.tenant_id = $1 AND e.event_id = a.event_id
)`;
