import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { AuditWriter } from '#libs/audit/src/index.js';
import { TenantDatabase } from '#libs/database/src/index.js';
import { JobQueue } from '../jobs/job-queue.js';
import { EventProjection, PIPELINE_PROJECTIONS } from './event-projection.js';
import { EventStoreRepository } from './event-store.repository.js';
import { IngestService } from './ingest.service.js';
import { PipelineTenantsRepository } from './pipeline-tenants.repository.js';

export const RETENTION_JOB = 'retention';
/** Every day at 03:17 UTC (off the hour, when other schedules tend to fire). */
const RETENTION_CRON = '17 3 * * *';
/**
 * Rows one transaction deletes. Each chunk commits on its own, so the row locks a delete takes (and
 * that an event update would wait for) are held for one chunk only; ingestion inserts new rows and
 * never waits for them.
 */
export const RETENTION_CHUNK = 5_000;
const DAY_MS = 86_400_000;

/**
 * Retention: a tenant's events older than its `retentionDays` are deleted in chunks, then the rollup rows
 * only they made, and one `retention.run` audit row records the counts. Runs daily for every tenant
 * with events, and on demand (POST /v1/tenant/retention/run), always as a job bound to the tenant.
 */
@Injectable()
export class EventRetention implements OnModuleInit {
  constructor(
    private readonly db: TenantDatabase,
    private readonly jobs: JobQueue,
    private readonly events: EventStoreRepository,
    private readonly ingest: IngestService,
    private readonly tenants: PipelineTenantsRepository,
    private readonly audit: AuditWriter,
    @Inject(PIPELINE_PROJECTIONS) private readonly projections: EventProjection[],
  ) {}

  onModuleInit(): void {
    this.jobs.handle(RETENTION_JOB, (jobId) => this.run(jobId));
    this.jobs.scheduleForEveryTenant(RETENTION_JOB, RETENTION_CRON, () => this.jobs.acrossTenants(() => this.tenants.withEvents()));
  }

  /** Queues a run for the bound tenant now; the request's audit row and the job commit together. */
  requestRun(): Promise<{ jobId: string }> {
    return this.db.transaction(async () => {
      const jobId = await this.jobs.enqueue(RETENTION_JOB);
      await this.audit.record({ operation: 'retention.request', entityType: 'job', entityId: jobId });
      return { jobId };
    });
  }

  /** One run for the bound tenant (inside its job). */
  private async run(jobId: string): Promise<Record<string, unknown>> {
    const { retentionDays } = await this.ingest.settings();
    const cutoff = new Date(Date.now() - retentionDays * DAY_MS);
    const counts: Record<string, number> = { events: await this.drain(() => this.events.expire(cutoff, RETENTION_CHUNK)) };
    for (const projection of this.projections) {
      if (!projection.expire) continue;
      let last: Record<string, number>;
      do {
        last = await this.db.transaction(() => projection.expire!(cutoff, RETENTION_CHUNK));
        for (const [key, count] of Object.entries(last)) counts[key] = (counts[key] ?? 0) + count;
      } while (Object.values(last).some((count) => count === RETENTION_CHUNK));
    }
    const result = { retentionDays, cutoff: cutoff.toISOString(), deleted: counts };
    await this.audit.record({ operation: 'retention.run', entityType: 'tenant', entityId: this.db.tenantId, details: result, system: `job:${jobId}` });
    return result;
  }

  /** Repeats `chunk` (each in a transaction of its own) until it deletes less than a full chunk. */
  private async drain(chunk: () => Promise<number>): Promise<number> {
    let total = 0;
    for (;;) {
      const deleted = await this.db.transaction(chunk);
      total += deleted;
      if (deleted < RETENTION_CHUNK) return total;
    }
  }
}
