import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { TenantDatabase, WORKER_POOL, workerAcrossTenants, workerAsTenant } from '#libs/database/src/index.js';
import { JOB_QUEUE_SCHEMA } from '#libs/database/src/migrations/1795800000000-JobsAndWebhooks.js';
import { JobsRepository } from './jobs.repository.js';

export const JOBS_OPTIONS = Symbol('JOBS_OPTIONS');

export interface JobsOptions {
  databaseUrl: string;
  /** This process works jobs and keeps the schedules (WORKER=true). */
  worker: boolean;
}

/** Work of one job, run bound to the job's tenant; its answer is the job's `result`. */
export type TenantJobHandler = (jobId: string) => Promise<Record<string, unknown>>;

/** What a job carries: whose it is. Every job runs under that tenant's row-level security, like a request. */
interface TenantJobData {
  tenantId: string;
}

/** A schedule: a cron expression (UTC) whose every firing queues the job once for every tenant. */
interface TenantSchedule {
  name: string;
  cron: string;
  tenants: () => Promise<string[]>;
}

/**
 * The job engine: pg-boss on the application's own database (its schema is created by a migration), so
 * there is no extra server, and a job is queued in the transaction that asks for it. Every process can
 * queue; processes with WORKER=true also work the queues and fire the schedules (pg-boss makes sure one
 * firing queues once, whatever the number of instances).
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly boss: PgBoss;
  private readonly handlers = new Map<string, TenantJobHandler>();
  private readonly schedules: TenantSchedule[] = [];

  constructor(
    private readonly db: TenantDatabase,
    private readonly jobs: JobsRepository,
    @Inject(JOBS_OPTIONS) private readonly options: JobsOptions,
    @Inject(WORKER_POOL) private readonly pool: Pool,
  ) {
    this.boss = new PgBoss({
      connectionString: options.databaseUrl,
      schema: JOB_QUEUE_SCHEMA,
      migrate: false,
      max: 2,
      supervise: options.worker,
      schedule: options.worker,
      application_name: 'admin-api-jobs',
    });
    this.boss.on('error', (error) => this.logger.warn(`job queue: ${error.message}`));
  }

  /** Registers the work of job `name`; called by feature modules while the application starts. */
  handle(name: string, handler: TenantJobHandler): void {
    this.handlers.set(name, handler);
  }

  /** Queues `name` for every tenant `tenants()` lists, on `cron` (UTC). */
  scheduleForEveryTenant(name: string, cron: string, tenants: () => Promise<string[]>): void {
    this.schedules.push({ name, cron, tenants });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.boss.start();
    if (!this.options.worker) return;
    for (const name of this.handlers.keys()) {
      await this.boss.work<TenantJobData>(name, { batchSize: 1, pollingIntervalSeconds: 1 }, ([job]) => this.run(name, job));
    }
    for (const schedule of this.schedules) {
      const trigger = `${schedule.name}-daily`;
      await this.boss.schedule(trigger, schedule.cron, undefined, { tz: 'UTC' });
      await this.boss.work(trigger, async () => {
        for (const tenantId of await schedule.tenants()) await this.asTenant(tenantId, () => this.enqueue(schedule.name));
      });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    // Waits for jobs in progress (up to the timeout), then closes pg-boss's own connections.
    await this.boss.stop({ graceful: true, timeout: 10_000 });
  }

  /**
   * Queues `name` for the bound tenant in the caller's transaction (or a transaction of its own): the job
   * exists if and only if the change that asked for it commits. Returns the job id.
   */
  enqueue(name: string): Promise<string> {
    const tenantId = this.db.tenantId!;
    const id = randomUUID();
    const onThisConnection: PgBoss.Db = { executeSql: async (text, values) => ({ rows: await this.db.query(text, values) }) };
    return this.db.transaction(async () => {
      await this.jobs.queued(id, name);
      await this.boss.send(name, { tenantId } satisfies TenantJobData, { id, retryLimit: 0, db: onThisConnection });
      return id;
    });
  }

  /** Bound to `tenantId` on a worker connection: a long job never takes a place in the tenant's share of request connections. */
  private asTenant<T>(tenantId: string, work: () => Promise<T>): Promise<T> {
    return workerAsTenant(this.db, this.pool, tenantId, work);
  }

  /** Across tenants on a worker connection (a schedule listing the tenants to run for). */
  acrossTenants<T>(work: () => Promise<T>): Promise<T> {
    return workerAcrossTenants(this.db, this.pool, work);
  }

  private async run(name: string, job: PgBoss.Job<TenantJobData>): Promise<void> {
    const handler = this.handlers.get(name)!;
    await this.asTenant(job.data.tenantId, async () => {
      await this.jobs.running(job.id, name);
      try {
        await this.jobs.finished(job.id, { result: await handler(job.id) });
      } catch (error) {
        this.logger.error({ err: error, jobId: job.id, tenantId: job.data.tenantId }, `job ${name} failed`);
        await this.jobs.finished(job.id, { error: error instanceof Error ? error.message : String(error) });
      }
    });
  }
}
