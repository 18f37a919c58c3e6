import { Injectable } from '@nestjs/common';
import { TenantScopedRepository } from '#libs/database/src/index.js';

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface JobRow {
  id: string;
  name: string;
  status: JobStatus;
  started_at: Date | null;
  finished_at: Date | null;
  result: Record<string, unknown> | null;
  error: string | null;
}

const JOB_COLUMNS = 'id, name, status, started_at, finished_at, result, error';

/** The tenant's view of its jobs (`jobs`); the queue itself lives in pg-boss's schema. */
@Injectable()
export class JobsRepository extends TenantScopedRepository {
  async queued(id: string, name: string): Promise<void> {
    await this.scoped(`INSERT INTO jobs (tenant_id, id, name) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [id, name]);
  }

  /** Also creates the row of a job queued without one (a scheduled run). */
  async running(id: string, name: string): Promise<void> {
    await this.scoped(
      `INSERT INTO jobs (tenant_id, id, name, status, started_at) VALUES ($1, $2, $3, 'running', clock_timestamp())
       ON CONFLICT (tenant_id, id) DO UPDATE SET status = 'running', started_at = clock_timestamp(), finished_at = NULL, error = NULL`,
      [id, name],
    );
  }

  async finished(id: string, outcome: { result: Record<string, unknown> } | { error: string }): Promise<void> {
    const failed = 'error' in outcome;
    await this.scoped(`UPDATE jobs SET status = $3, finished_at = clock_timestamp(), result = $4, error = $5 WHERE tenant_id = $1 AND id = $2`, [
      id,
      failed ? 'failed' : 'succeeded',
      failed ? null : JSON.stringify(outcome.result),
      failed ? outcome.error : null,
    ]);
  }

  find(id: string): Promise<JobRow | undefined> {
    return this.scopedOne<JobRow>(`SELECT ${JOB_COLUMNS} FROM jobs WHERE tenant_id = $1 AND id = $2`, [id]);
  }
}
