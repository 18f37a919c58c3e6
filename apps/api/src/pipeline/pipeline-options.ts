export interface PipelineOptions {
  /** EVENT_BACKLOG_MAX: at or above this many unprocessed events, a tenant's ingestion answers 503. */
  backlogMax: number;
  /** WORKER: this process runs a worker loop. */
  worker: boolean;
}

export const PIPELINE_OPTIONS = Symbol('PIPELINE_OPTIONS');

/** Events per chunk: one tenant's turn. Bounds what a flood delays another tenant by (one chunk's time). */
export const CHUNK_EVENTS = 5_000;

/** Longest `Prefer: wait=N` honoured, in seconds. */
export const MAX_WAIT_SECONDS = 30;
