import { TenantDatabase } from '#libs/database/src/index.js';
import { IngestService } from '../pipeline/ingest.service.js';
import { PipelineStatusService } from '../pipeline/pipeline-status.service.js';
import { DemoTraffic } from './demo-traffic.js';

export interface SeedOptions {
  tenantId: string;
  events: number;
  /** The events span the last `days` days, in time order. */
  days: number;
  /** Same seed, same events (a rerun is then all duplicates); default random. */
  seed?: number;
  /** Batches in flight at once. */
  concurrency?: number;
  onProgress?: (done: number) => void;
}

export interface SeedResult {
  accepted: number;
  duplicates: number;
  seconds: number;
  /** Seconds until the pipeline had processed every seeded event. */
  processedSeconds: number;
}

const BATCH = 1000;
const PROCESSED_POLL_MS = 200;

/**
 * Fills a tenant with demo traffic through the same ingestion service as POST /v1/events/batch, one
 * 1000-event batch per request, a few in parallel, then waits until the pipeline has processed them all
 * (store, rollups, signals), so what it reports is what the reads show.
 */
export class DemoSeeder {
  constructor(
    private readonly db: TenantDatabase,
    private readonly ingestion: IngestService,
    private readonly pipeline: PipelineStatusService,
  ) {}

  hasEvents(tenantId: string): Promise<boolean> {
    return this.db.runAsTenant(tenantId, () => this.ingestion.hasEvents());
  }

  async retentionDays(tenantId: string): Promise<number> {
    return (await this.db.runAsTenant(tenantId, () => this.ingestion.settings())).retentionDays;
  }

  async seed(options: SeedOptions): Promise<SeedResult> {
    const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
    const traffic = new DemoTraffic({ users: Math.max(50, Math.round(options.events / 40)), seed, runId: `s${seed.toString(36)}` });
    const batches = Math.ceil(options.events / BATCH);
    const end = Date.now() - 60_000;
    const start = end - options.days * 86_400_000;
    const slice = (end - start) / batches;
    const started = performance.now();
    const totals = { accepted: 0, duplicates: 0 };
    let next = 0;
    const worker = async () => {
      while (next < batches) {
        const index = next;
        next += 1;
        const size = Math.min(BATCH, options.events - index * BATCH);
        const events = traffic.batch(size, start + index * slice, start + (index + 1) * slice);
        const result = await this.db.runAsTenant(options.tenantId, () => this.ingestion.ingestBatch({ events }, { publishable: false, requestIp: undefined }));
        totals.accepted += result.accepted;
        totals.duplicates += result.duplicates;
        options.onProgress?.(totals.accepted + totals.duplicates);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker));
    const seconds = (performance.now() - started) / 1000;
    await this.processed(options.tenantId);
    return { ...totals, seconds, processedSeconds: (performance.now() - started) / 1000 };
  }

  /** Until the tenant's backlog is empty (workers run in this process, or in another one on the database). */
  private async processed(tenantId: string): Promise<void> {
    while ((await this.db.runAsTenant(tenantId, () => this.pipeline.status())).backlog > 0) {
      await new Promise((resolve) => setTimeout(resolve, PROCESSED_POLL_MS));
    }
  }
}
