import { Inject, Injectable, Logger } from '@nestjs/common';
import { TenantDatabase } from '#libs/database/src/index.js';
import { resolveIngestSettings } from '../signals/signal-settings.js';
import { type ChangeLog, CHUNK_OBSERVERS, type ChunkObserver, EventChunk, EventProjection, NO_CHANGE_LOG, PIPELINE_PROJECTIONS } from './event-projection.js';
import { EventStoreRepository } from './event-store.repository.js';
import { CATCH_UP_CHUNK_EVENTS, CHUNK_EVENTS } from './pipeline-options.js';
import { type ClaimedTenant, PipelineTenantsRepository } from './pipeline-tenants.repository.js';

/** Errors that say nothing about the events: the connection or the server went away. Never dead letters. */
const INFRASTRUCTURE = /^(08|57P0[1-3]|53)/;

/** A tenant's statistics are refreshed when its processed events first reach this, and at every doubling after. */
export const STATISTICS_FIRST_AT = 5_000;

/**
 * Whether a tenant growing from `before` to `after` processed events crossed a refresh point: the planner
 * then knows it at about its size (within a factor of two) from 5,000 events on, at a cost of one ANALYZE
 * pass per doubling (about 18 for a billion events).
 */
export function statisticsDue(before: number, after: number): boolean {
  const step = (count: number) => (count < STATISTICS_FIRST_AT ? -1 : Math.floor(Math.log2(count / STATISTICS_FIRST_AT)));
  return step(after) > step(before);
}

/** The events of a turn (see CATCH_UP_CHUNK_EVENTS). */
export function turnSize(claimed: Pick<ClaimedTenant, 'backlog' | 'othersWaiting'>): number {
  return !claimed.othersWaiting && claimed.backlog >= CATCH_UP_CHUNK_EVENTS ? CATCH_UP_CHUNK_EVENTS : CHUNK_EVENTS;
}

export interface ServedChunk {
  tenantId: string;
  events: number;
  deadLetters: number;
}

/**
 * One turn of a worker, in one transaction on the worker's connection: claim the tenant served least
 * recently among those with a backlog, take its next events in arrival order (at most a turn's, see turnSize),
 * store them and apply every projection in order, and count them processed. A chunk that fails is
 * rolled back to a savepoint and retried in halves, down to the event that fails alone, which becomes a
 * dead letter with its error; the rest of the chunk is processed as usual.
 */
@Injectable()
export class ChunkProcessor {
  private readonly logger = new Logger('Pipeline');

  constructor(
    private readonly db: TenantDatabase,
    private readonly tenants: PipelineTenantsRepository,
    private readonly store: EventStoreRepository,
    @Inject(PIPELINE_PROJECTIONS) private readonly projections: EventProjection[],
    @Inject(CHUNK_OBSERVERS) private readonly observers: ChunkObserver[],
  ) {}

  /**
   * Serves one chunk of one tenant; undefined when no tenant has events waiting (or all are being served).
   * Without `chunkEvents`, a turn is CHUNK_EVENTS, or CATCH_UP_CHUNK_EVENTS for a tenant alone with a deep backlog.
   */
  async serveNext(chunkEvents?: number): Promise<ServedChunk | undefined> {
    await this.db.bindCrossTenant();
    const served = await this.db.transaction(async () => {
      const claimed = await this.tenants.claim();
      if (!claimed) return undefined;
      const { tenantId } = claimed;
      await this.db.bindTenant(tenantId);
      const seqs = await this.store.nextChunk(chunkEvents ?? turnSize(claimed));
      if (seqs.length === 0) {
        await this.tenants.resync();
        return { tenantId, events: 0, deadLetters: 0, total: 0 };
      }
      const settings = resolveIngestSettings(await this.tenants.settings());
      const { changeLog, interested } = await this.observersWanting();
      const chunk = { tenantId, settings, changeLog };
      let recorded = false;
      const outcome = await this.isolating(seqs, async (part) => {
        const { taken, stored } = await this.apply(part, chunk);
        recorded ||= stored > 0;
        return taken;
      });
      // Observers read after every part, so a chunk retried in halves reports each change once.
      if (recorded) for (const [observer, wanted] of interested) await observer.observe(wanted);
      const total = await this.tenants.served(outcome.taken, outcome.deadLetters);
      return { tenantId, events: outcome.taken, deadLetters: outcome.deadLetters, total };
    });
    if (!served) return undefined;
    const { total, ...chunk } = served;
    if (statisticsDue(total - chunk.events, total)) await this.tenants.refreshPlannerStatistics();
    return chunk;
  }

  /** The observers that want changes recorded for this chunk, and the union of what they want (one cheap check each). */
  private async observersWanting(): Promise<{ changeLog: ChangeLog; interested: Array<[ChunkObserver, ChangeLog]> }> {
    let changeLog = NO_CHANGE_LOG;
    const interested: Array<[ChunkObserver, ChangeLog]> = [];
    for (const observer of this.observers) {
      const wants = await observer.wants();
      if (!wants.incidents && !wants.userRisk) continue;
      interested.push([observer, wants]);
      changeLog = { incidents: changeLog.incidents || wants.incidents, userRisk: changeLog.userRisk || wants.userRisk };
    }
    return { changeLog, interested };
  }

  /** Stores the inbox rows from the first to the last of `seqs` and applies the projections; answers how many rows it took and stored. */
  private async apply(seqs: string[], chunk: Pick<EventChunk, 'tenantId' | 'settings' | 'changeLog'>): Promise<{ taken: number; stored: number }> {
    const { stored, taken } = await this.store.store(seqs[0], seqs[seqs.length - 1]);
    if (stored === 0) return { taken, stored };
    const context: EventChunk = { ...chunk, stored, candidates: { multiDeviceUsers: [], busyFingerprints: [], sharedFingerprints: [] } };
    for (const projection of this.projections) await projection.apply(context);
    return { taken, stored };
  }

  /** Runs `work` on `seqs` under a savepoint; on failure, on each half; answers the rows taken and the dead letters. */
  private async isolating(seqs: string[], work: (seqs: string[]) => Promise<number>): Promise<{ taken: number; deadLetters: number }> {
    try {
      return { taken: await this.underSavepoint(() => work(seqs)), deadLetters: 0 };
    } catch (error) {
      if (INFRASTRUCTURE.test(String((error as { code?: string }).code ?? ''))) throw error;
      if (seqs.length > 1) {
        const half = Math.ceil(seqs.length / 2);
        const [first, second] = [await this.isolating(seqs.slice(0, half), work), await this.isolating(seqs.slice(half), work)];
        return { taken: first.taken + second.taken, deadLetters: first.deadLetters + second.deadLetters };
      }
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn({ tenantId: this.db.tenantId, seq: seqs[0], err: message }, 'event set aside as a dead letter');
      const letters = await this.store.deadLetter(seqs[0], message);
      return { taken: letters, deadLetters: letters };
    }
  }

  private async underSavepoint<T>(work: () => Promise<T>): Promise<T> {
    await this.db.query('SAVEPOINT chunk');
    try {
      const result = await work();
      await this.db.query('RELEASE SAVEPOINT chunk');
      return result;
    } catch (error) {
      await this.db.query('ROLLBACK TO SAVEPOINT chunk');
      await this.db.query('RELEASE SAVEPOINT chunk');
      throw error;
    }
  }
}
