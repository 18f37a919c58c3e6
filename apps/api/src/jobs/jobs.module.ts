import { DynamicModule, Module } from '@nestjs/common';
import { JOBS_OPTIONS, JobQueue, type JobsOptions } from './job-queue.js';
import { JobsController } from './jobs.controller.js';
import { JobsRepository } from './jobs.repository.js';
import { JobsService } from './jobs.service.js';

/** Background jobs: the queue every feature module may give work to (hence global), and GET /v1/jobs/:id. */
@Module({})
export class JobsModule {
  static forRoot(options: JobsOptions & { http?: boolean }): DynamicModule {
    return {
      module: JobsModule,
      global: true,
      controllers: options.http === false ? [] : [JobsController],
      providers: [{ provide: JOBS_OPTIONS, useValue: options }, JobQueue, JobsRepository, JobsService],
      exports: [JobQueue],
    };
  }
}
