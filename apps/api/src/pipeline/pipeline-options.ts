export interface PipelineOptions {
  /** EVENT_BACKLOG_MAX: at or above this many unprocessed events, a tenant's ingestion answers 503. */
  backlogMax: number;
  /** WORKER: this process runs a worker loop. */
  worker: boolean;
}

export const PIPELINE_OPTIONS = Symbol('PIPELINE_OPTIONS');

/** Events per chunk: one tenant's turn. Bounds what a flood delays another tenant by (one chunk's time). */
export const CHUNK_EVENTS = 5_000;

/**
 * Events per chunk while one tenant alone has a backlog at least this deep: no other tenant waits for the
 * turn, and the tenant's own events wait behind the backlog anyway. A chunk's cost follows the distinct
 * rows it rewrites, and a bigger chunk rewrites each user, fingerprint and risk row once for more events
 * (device farm from 300k events, CPU per event of the database and the worker: 20,000-event chunks 1.3–1.4×
 * as many events per CPU-second as 5,000, 40,000 about 1.55×). A tenant whose events arrive while such a
 * chunk runs waits for it (three to four times a turn's time) before its own turn.
 */
export const CATCH_UP_CHUNK_EVENTS = 20_000;

/** Longest `Prefer: wait=N` honoured, in seconds. */
export const MAX_WAIT_SECONDS = 30;
