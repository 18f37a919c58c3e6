import { Injectable, NotFoundException } from '@nestjs/common';
import { JobRow, JobsRepository } from './jobs.repository.js';
import type { JobDto } from './dto/job.dto.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class JobsService {
  constructor(private readonly jobs: JobsRepository) {}

  /** A job of the bound tenant; any other id (another tenant's included) is not found. */
  async get(id: string): Promise<JobDto> {
    const row = UUID.test(id) ? await this.jobs.find(id) : undefined;
    if (!row) throw new NotFoundException(`Job ${id} not found`);
    return toJob(row);
  }
}

function toJob(row: JobRow): JobDto {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
    result: row.result,
    error: row.error,
  };
}
