import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Module } from '@nestjs/common';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ClsModule } from '../../libs/common/src/cls.module.js';
import { DatabaseModule, TenantDatabase } from '../../libs/database/src/index.js';
import { IngestService } from '../../apps/api/src/pipeline/ingest.service.js';
import { PipelineModule } from '../../apps/api/src/pipeline/pipeline.module.js';
import { PipelineWorker } from '../../apps/api/src/pipeline/pipeline-worker.js';
import { createTestDatabase, type TestDatabase } from '../support/test-app.js';

const TENANT = 'medium_webhook_events';

/**
 * The pipeline's webhook events at table level: a chunk whose part fails is retried in halves; what the
 * failed part recorded rolls back with it, and the parts that commit report each incident once.
 */
describe('pipeline webhook events (medium: real PostgreSQL, no HTTP)', () => {
  let db: TestDatabase;
  let context: INestApplicationContext;
  let worker: PipelineWorker;
  const base = Date.now() - 2 * 86_400_000;
  let sequence = 0;
  const use = (userId: string, fingerprint: string) => {
    sequence += 1;
    return { eventId: `wh_${sequence}`, userId, fingerprint, domain: 'shop.example.com', timestamp: new Date(base + sequence * 60_000).toISOString() };
  };
  const accept = (events: Array<Record<string, unknown>>) =>
    context
      .get(TenantDatabase)
      .runAsTenant(TENANT, () => context.get(IngestService, { strict: false }).ingestBatch({ events }, { publishable: false, requestIp: undefined }));
  const deliveries = () =>
    db.sql<{ endpoint_id: string; event_type: string; payload: { data: Record<string, unknown> } }>(
      `SELECT endpoint_id, event_type, payload FROM webhook_deliveries WHERE tenant_id = $1 ORDER BY created_at, id`,
      [TENANT],
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.sql(`INSERT INTO tenants (id, name) VALUES ($1, 'Medium')`, [TENANT]);
    await db.sql(
      `INSERT INTO webhook_endpoints (tenant_id, id, url, events, secret_sealed) VALUES
         ($1, 'wh_all', 'http://127.0.0.1:9/all', '{*}', '\\x00'),
         ($1, 'wh_tokens', 'http://127.0.0.1:9/tokens', '{token.created}', '\\x00')`,
      [TENANT],
    );
    // A real failure inside the fold's statement: an incident on this fingerprint cannot be written.
    await db.sql(`
      CREATE FUNCTION refuse_poisoned_incident() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.subject_id = 'fp_poison' THEN RAISE EXCEPTION 'poisoned incident'; END IF;
        RETURN NEW;
      END $$`);
    await db.sql(`CREATE TRIGGER refuse_poisoned_incident BEFORE INSERT ON incidents FOR EACH ROW EXECUTE FUNCTION refuse_poisoned_incident()`);
    @Module({ imports: [ClsModule, DatabaseModule.forRoot(db.url), PipelineModule.forRoot({ backlogMax: 1_000_000, worker: false, http: false })] })
    class WebhookEventsModule {}
    context = await NestFactory.createApplicationContext(WebhookEventsModule, { logger: false });
    worker = context.get(PipelineWorker, { strict: false });
  });
  afterAll(async () => {
    await context?.close();
    await db?.drop();
  });

  it('queues nothing for a part that rolled back, and one event per incident for the parts that committed', async () => {
    // One chunk of six, in arrival order: the second half fails (the poisoned fingerprint's second user),
    // so it is retried in halves: [p1, p2] fails again, p1 alone commits, p2 becomes a dead letter, and
    // ok4 alone commits, growing the incident the first half created.
    const events = [use('u1', 'fp_ok'), use('u2', 'fp_ok'), use('u3', 'fp_ok'), use('v1', 'fp_poison'), use('v2', 'fp_poison'), use('u4', 'fp_ok')];
    expect(await accept(events)).toEqual({ accepted: 6, duplicates: 0 });
    expect(await worker.serveOnce(100)).toMatchObject({ events: 6, deadLetters: 1 });
    const [letter] = await db.sql<{ event_id: string; error: string }>(`SELECT event_id, error FROM event_dead_letters WHERE tenant_id = $1`, [TENANT]);
    expect(letter).toEqual({ event_id: events[4].eventId, error: 'poisoned incident' });

    const queued = await deliveries();
    expect(queued.every((delivery) => delivery.endpoint_id === 'wh_all')).toBe(true);
    const incidentEvents = queued.filter((delivery) => delivery.event_type.startsWith('incident.'));
    expect(incidentEvents.map((delivery) => [delivery.event_type, delivery.payload.data.subject, delivery.payload.data.occurrences])).toEqual([
      ['incident.created', { type: 'fingerprint', id: 'fp_ok' }, 4],
    ]);
    const riskEvents = queued.filter((delivery) => delivery.event_type === 'user.risk_level_changed');
    expect(riskEvents.map((delivery) => delivery.payload.data.userId).sort()).toEqual(['u1', 'u2', 'u3', 'u4']);
  });

  it('reports a later chunk growing the incident as incident.updated', async () => {
    const before = (await deliveries()).length;
    expect(await accept([use('u5', 'fp_ok'), use('u6', 'fp_ok')])).toEqual({ accepted: 2, duplicates: 0 });
    expect(await worker.serveOnce(100)).toMatchObject({ events: 2, deadLetters: 0 });
    const added = (await deliveries()).slice(before);
    expect(added.map((delivery) => delivery.event_type).sort()).toEqual(['incident.updated', 'user.risk_level_changed', 'user.risk_level_changed']);
    expect(added.find((delivery) => delivery.event_type === 'incident.updated')!.payload.data.occurrences).toBe(6);
  });
});
