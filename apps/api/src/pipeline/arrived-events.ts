/**
 * The chunk being processed, as every projection reads it: the events the event store just stored (a
 * retry already stored is not in it), in a table private to the worker's database session and emptied at
 * every commit. Projections read typed rows from it instead of re-joining the chunk to `events`.
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
    domainprint text COLLATE "C",
    user_id text COLLATE "C",
    domain text NOT NULL,
    event_type text NOT NULL,
    session_id text COLLATE "C",
    campaign_source text,
    campaign_medium text,
    campaign_name text
  ) ON COMMIT DELETE ROWS`;

/** The columns above, in order, for INSERT ... SELECT. */
export const ARRIVED_COLUMNS =
  'id, event_id, ts, lat, lon, country, city, fingerprint, domainprint, user_id, domain, event_type, session_id, campaign_source, campaign_medium, campaign_name';
