import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ClsModule } from '#libs/common/src/cls.module.js';
import { DemoSeeder } from '../../../api/src/dev/demo-seeder.js';
import { IngestService } from '../../../api/src/pipeline/ingest.service.js';
import { PipelineModule } from '../../../api/src/pipeline/pipeline.module.js';
import { PipelineStatusService } from '../../../api/src/pipeline/pipeline-status.service.js';
import { TENANT_ID_PATTERN } from '#libs/auth/src/tenant-header.js';
import { DatabaseModule, TenantDatabase } from '#libs/database/src/index.js';
import { openDatabase } from '../database.js';
import type { CliCommand } from '../main.js';
import { format, ProgressBar } from '../progress.js';

const MAX_EVENTS = 100_000_000;
/**
 * The seed runs a worker of its own (API instances on the database help), and never refuses its own
 * batches for a full backlog: it waits for the pipeline at the end anyway.
 */
const SEED_PIPELINE = PipelineModule.forRoot({ backlogMax: Number.MAX_SAFE_INTEGER, worker: true, http: false });

export const seedCommand: CliCommand = {
  description:
    'Generates realistic demo events for a tenant through the ingestion code path (validation, then the pipeline: rollups, signals), with a progress bar.',
  usage: '--tenant <id> --events <N> [--days <D, default 30>] [--seed <n>] [--concurrency <k, default 2>]',
  options: { tenant: { type: 'string' }, events: { type: 'string' }, days: { type: 'string' }, seed: { type: 'string' }, concurrency: { type: 'string' } },
  async run(values) {
    const tenantId = String(values.tenant ?? '');
    const events = Number(values.events);
    const days = values.days === undefined ? 30 : Number(values.days);
    const seed = values.seed === undefined ? undefined : Number(values.seed);
    const concurrency = values.concurrency === undefined ? 2 : Number(values.concurrency);
    const problems = [
      !TENANT_ID_PATTERN.test(tenantId) && '--tenant <id> is required (^[A-Za-z0-9_-]{1,64}$)',
      !(Number.isInteger(events) && events > 0 && events <= MAX_EVENTS) && `--events must be a whole number from 1 to ${format(MAX_EVENTS)}`,
      !(days > 0 && days <= 3650) && '--days must be a number of days from 1 to 3650',
      seed !== undefined && !Number.isInteger(seed) && '--seed must be a whole number',
      !(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 16) && '--concurrency must be from 1 to 16',
    ].filter(Boolean);
    if (problems.length > 0) {
      console.error(problems.join('\n'));
      return 2;
    }

    const database = await openDatabase();
    @Module({ imports: [ClsModule, DatabaseModule.forRoot(database.url), SEED_PIPELINE] })
    class SeedModule {}
    const context = await NestFactory.createApplicationContext(SeedModule, { logger: ['error', 'warn'] });
    try {
      const seeder = new DemoSeeder(
        context.get(TenantDatabase),
        context.get(IngestService, { strict: false }),
        context.get(PipelineStatusService, { strict: false }),
      );
      if (!(await context.get(TenantDatabase).tenantExists(tenantId))) {
        console.error(`Tenant ${tenantId} not found (create it with POST /v1/platform/tenants)`);
        return 2;
      }
      const retention = await seeder.retentionDays(tenantId);
      if (days > retention) {
        console.error(`--days ${days} is beyond the tenant's retention of ${retention} days`);
        return 2;
      }
      const progress = new ProgressBar(events, 'events');
      const result = await seeder.seed({ tenantId, events, days, seed, concurrency, onProgress: (done) => progress.update(done) });
      console.log(
        `Seeded tenant ${tenantId}: ${format(result.accepted)} events accepted, ${format(result.duplicates)} duplicates, ` +
          `over the last ${days} days, in ${result.seconds.toFixed(1)} s (${format(events / result.seconds)} events/s); ` +
          `all processed after ${result.processedSeconds.toFixed(1)} s`,
      );
      return 0;
    } finally {
      await context.close();
      await database.stop();
    }
  },
};
