import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import { onWorkerConnection, TenantDatabase, WORKER_POOL } from '#libs/database/src/index.js';
import { ChunkProcessor, ServedChunk } from './chunk-processor.js';
import { ForegroundRequests } from './foreground-requests.js';
import { CHUNK_EVENTS, PIPELINE_OPTIONS, type PipelineOptions } from './pipeline-options.js';
import { PipelineWaiter } from './pipeline-waiter.js';

/**
 * An idle worker looks for work this often (events accepted by this instance wake it at once; those
 * accepted by another instance are found by this poll). It holds no connection while idle.
 */
const IDLE_POLL_MS = 500;
const ERROR_PAUSE_MS = 1_000;
/**
 * While this instance answers other requests, the worker rests after each chunk for YIELD_RATIO times as
 * long as the chunk took (at most YIELD_MAX_MS): processing then takes a third of the time it would, and
 * the rest goes to the answers. On 2 cores shared with PostgreSQL, a flooding tenant's chunks run back to
 * back took one core from another tenant's reads; with this rest and one ingest batch at a time, that
 * tenant's read p99 under the flood went from 8× its p99 alone to 2–3×.
 */
const YIELD_RATIO = 2;
const YIELD_MAX_MS = 2_000;

/**
 * The worker loop of this process (WORKER=true): serve chunk after chunk while any tenant has a backlog,
 * each on a connection checked out of the worker pool for that chunk only. Several processes (API
 * instances and `npm run worker`) run this loop on one database without ever serving a tenant twice at once.
 */
@Injectable()
export class PipelineWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Pipeline');
  private running?: Promise<void>;
  private stopping = false;

  constructor(
    private readonly db: TenantDatabase,
    private readonly processor: ChunkProcessor,
    private readonly waiter: PipelineWaiter,
    private readonly foreground: ForegroundRequests,
    @Inject(WORKER_POOL) private readonly pool: Pool,
    @Inject(PIPELINE_OPTIONS) private readonly options: PipelineOptions,
  ) {
    this.pool.on('error', (error) => this.logger.warn(`idle worker connection lost: ${error.message}`));
  }

  onApplicationBootstrap(): void {
    if (this.options.worker) this.running = this.loop();
  }

  /** Lets the chunk in progress commit, then closes the worker's connections. */
  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.running;
    if (!this.pool.ended) await this.pool.end();
  }

  /** Serves one chunk on a connection of its own (also used by tests, with smaller chunks, and the seed command). */
  async serveOnce(chunkEvents?: number): Promise<ServedChunk | undefined> {
    return onWorkerConnection(this.db, this.pool, () => this.processor.serveNext(chunkEvents));
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      try {
        const started = Date.now();
        // Catch-up turns (CATCH_UP_CHUNK_EVENTS) only while no one's requests here wait on the rest after each turn.
        const served = await this.serveOnce(this.foreground.busy ? CHUNK_EVENTS : undefined);
        if (!served) {
          await this.waiter.nextAcceptance(IDLE_POLL_MS);
          continue;
        }
        this.waiter.processed(served.tenantId);
        if (this.foreground.busy) await new Promise((resolve) => setTimeout(resolve, Math.min((Date.now() - started) * YIELD_RATIO, YIELD_MAX_MS)));
      } catch (error) {
        if (this.stopping) return;
        this.logger.error({ err: error }, 'pipeline worker turn failed');
        await new Promise((resolve) => setTimeout(resolve, ERROR_PAUSE_MS));
      }
    }
  }
}
