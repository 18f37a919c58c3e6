import type { IngestSettings } from '../signals/signal-settings.js';

/**
 * A chunk of one tenant's events, stored by the event store and staged in `arrived_events`, handed to
 * each projection in turn inside the chunk's transaction (the tenant is bound on the connection).
 */
export interface EventChunk {
  tenantId: string;
  settings: IngestSettings;
  /** The changes the projections record for the chunk's observers (see ChunkObserver). */
  changeLog: ChangeLog;
  /** Events of the chunk stored now (retries of stored events are not). */
  stored: number;
  /**
   * What the identity rollups learnt, for the projections after them: which keys can have a signal.
   * Filled by the identity rollups projection.
   */
  candidates: {
    /** Users of the chunk seen on two or more fingerprints (account sharing is possible). */
    multiDeviceUsers: string[];
    /** Fingerprints of the chunk with more events in total than the velocity limit. */
    busyFingerprints: string[];
    /** Fingerprints of the chunk seen with `minUsers` or more users (device sharing). */
    sharedFingerprints: string[];
  };
}

/**
 * A read model kept from the event stream. Each is owned by one module and writes only its own tables;
 * the pipeline applies them in a fixed order (see PIPELINE_PROJECTIONS), set-based over the whole chunk.
 * A chunk that fails is rolled back to its savepoint and retried in halves, so `apply` needs no undo.
 */
export interface EventProjection {
  readonly name: string;
  apply(chunk: EventChunk): Promise<void>;
  /**
   * Retention: deletes at most `limit` of its rows that derive only from events before `cutoff` (the
   * events themselves are gone or going); returns how many it deleted. Projections without it keep their rows.
   */
  expire?(cutoff: Date, limit: number): Promise<Record<string, number>>;
}

export const PIPELINE_PROJECTIONS = Symbol('PIPELINE_PROJECTIONS');

/**
 * Changes of read models a projection can record, in session tables of the chunk's transaction (emptied
 * at commit), when an observer asks for them: recording costs a statement's worth of rows per chunk, so
 * nothing is recorded that no one reads.
 */
export interface ChangeLog {
  /** Incidents the chunk created or changed (signals). */
  incidents: boolean;
  /** Users whose risk score the chunk changed, with the score before (signals). */
  userRisk: boolean;
}

export const NO_CHANGE_LOG: ChangeLog = { incidents: false, userRisk: false };

/**
 * Reads what a chunk changed, in the chunk's transaction, after its projections: what it queues commits
 * or rolls back with the chunk.
 */
export interface ChunkObserver {
  /** Once per chunk, before its projections: the changes to record. Runs for every chunk, so it must be cheap. */
  wants(): Promise<ChangeLog>;
  /** Once per chunk whose projections stored events and recorded `wanted`, what `wants` asked for (the tenant is bound). */
  observe(wanted: ChangeLog): Promise<void>;
}

export const CHUNK_OBSERVERS = Symbol('CHUNK_OBSERVERS');
