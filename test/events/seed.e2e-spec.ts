import { describe, expect, it } from '@jest/globals';
import { DemoSeeder } from '../../apps/api/src/dev/demo-seeder.js';
import { DemoTraffic } from '../../apps/api/src/dev/demo-traffic.js';
import { IngestService } from '../../apps/api/src/pipeline/ingest.service.js';
import { PipelineStatusService } from '../../apps/api/src/pipeline/pipeline-status.service.js';
import { TenantDatabase } from '../../libs/database/src/index.js';
import { useTenantApp } from '../support/tenant-app.js';

describe('demo traffic and the seeder', () => {
  const tenant = 'seeded';
  const app = useTenantApp(tenant);
  const seeder = () =>
    new DemoSeeder(app.t.app.get(TenantDatabase), app.t.app.get(IngestService, { strict: false }), app.t.app.get(PipelineStatusService, { strict: false }));

  it('generates the same valid-looking traffic for the same seed, within the requested time', () => {
    const [from, to] = [Date.parse('2025-01-01T00:00:00Z'), Date.parse('2025-01-02T00:00:00Z')];
    const a = new DemoTraffic({ users: 200, seed: 5 }).batch(500, from, to);
    const b = new DemoTraffic({ users: 200, seed: 5 }).batch(500, from, to);
    expect(a).toEqual(b);
    expect(a).toHaveLength(500);
    expect(a.every((event) => Date.parse(event.timestamp!) >= from && Date.parse(event.timestamp!) < to)).toBe(true);
    expect(new Set(a.map((event) => event.eventId)).size).toBe(500);
  });

  it('stores events through the ingestion service and waits for the pipeline (rollups, signals); a rerun adds nothing', async () => {
    expect(await seeder().hasEvents(tenant)).toBe(false);
    const first = await seeder().seed({ tenantId: tenant, events: 2000, days: 7, seed: 11 });
    expect([first.accepted, first.duplicates]).toEqual([2000, 0]);
    expect(await seeder().hasEvents(tenant)).toBe(true);
    const again = await seeder().seed({ tenantId: tenant, events: 2000, days: 7, seed: 11 });
    expect([again.accepted, again.duplicates]).toEqual([0, 2000]);
    const [{ events }] = await app.t.db.sql(`SELECT count(*)::int AS events FROM events WHERE tenant_id = $1`, [tenant]);
    expect(events).toBe(2000);
    const users = await app.t.http.get('/v1/users').query({ sort: 'riskScore', limit: 500 }).set(app.session.as('viewer')).expect(200);
    expect(users.body.data.length).toBeGreaterThan(20);
    const signals = new Set(users.body.data.flatMap((user: { signals: string[] }) => user.signals));
    expect(signals.size).toBeGreaterThanOrEqual(3);
  });
});
