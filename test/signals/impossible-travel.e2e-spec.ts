import { describe, expect, it } from '@jest/globals';
import { at, event, ingest, onEquator, recentBase, userDetail } from '../support/events.js';
import { useTenantApp } from '../support/tenant-app.js';

describe('impossible_travel', () => {
  const tenant = 'sig_travel';
  const app = useTenantApp(tenant);
  const base = recentBase();
  const travel = (userId: string) => app.incidents(userId, 'impossible_travel');
  const signals = app.signals;
  /** An event of `userId` at `km` east of (0, 0) on the equator, `minutes` after the base time. */
  const hop = (userId: string, km: number, minutes: number, extra = {}) =>
    event({ userId, fingerprint: `fp_${userId}`, geo: { ...onEquator(km), city: `km${km}` }, timestamp: at(base, minutes), ...extra });

  it('flags 901 km/h and not 899 km/h', async () => {
    await ingest(app.t, tenant, [hop('it_901', 0, 0), hop('it_901', 901, 60), hop('it_899', 0, 0), hop('it_899', 899, 60)]);
    expect(await signals('it_901')).toEqual(['impossible_travel']);
    expect(await signals('it_899')).toEqual([]);
    const [incident] = await travel('it_901');
    expect(incident.evidence).toMatchObject({
      km: 901,
      kmh: 901,
      seconds: 3600,
      from: { lat: 0, lon: 0, city: 'km0', at: at(base, 0), eventId: expect.any(String) },
      to: { lat: 0, city: 'km901', at: at(base, 60) },
    });
    expect(incident.startedAt).toBe(at(base, 0));
    expect(incident.occurredAt).toBe(at(base, 60));
  });

  it('needs more than 100 km, however fast', async () => {
    await ingest(app.t, tenant, [hop('it_99km', 0, 0), hop('it_99km', 99, 1), hop('it_101km', 0, 0), hop('it_101km', 101, 1)]);
    expect(await signals('it_99km')).toEqual([]);
    expect(await signals('it_101km')).toEqual(['impossible_travel']);
  });

  it('counts two places at the same instant (Δt = 0)', async () => {
    await ingest(app.t, tenant, [hop('it_same_time', 0, 5), hop('it_same_time', 500, 5)]);
    const [incident] = await travel('it_same_time');
    expect(incident.evidence).toMatchObject({ km: 500, kmh: null, seconds: 0 });
  });

  it('compares consecutive geo events only, ignoring events without geo', async () => {
    await ingest(app.t, tenant, [
      hop('it_chain', 0, 0),
      hop('it_chain', 800, 60),
      event({ userId: 'it_chain', fingerprint: 'fp_it_chain', timestamp: at(base, 90) }),
      hop('it_chain', 1600, 120),
    ]);
    expect(await signals('it_chain')).toEqual([]);
  });

  it('finds the pair when the later event arrives first (separate batches)', async () => {
    await ingest(app.t, tenant, [hop('it_late', 1000, 60)]);
    expect(await signals('it_late')).toEqual([]);
    await ingest(app.t, tenant, [hop('it_late', 0, 0)]);
    expect(await signals('it_late')).toEqual(['impossible_travel']);
    expect((await travel('it_late'))[0].evidence).toMatchObject({ from: { city: 'km0' }, to: { city: 'km1000' } });
  });

  it('orders a batch by event time, not by its position in the batch', async () => {
    await ingest(app.t, tenant, [hop('it_shuffled', 3000, 180), hop('it_shuffled', 0, 0), hop('it_shuffled', 100, 120), hop('it_shuffled', 50, 60)]);
    const incidents = await travel('it_shuffled');
    expect(incidents.map((incident) => [incident.evidence.from, incident.evidence.to].map((place) => (place as { city: string }).city))).toEqual([
      ['km100', 'km3000'],
    ]);
  });

  it('drops a pair that an out-of-order event splits into two plausible legs', async () => {
    // 150 km in 5 minutes is impossible; a late event half-way makes two 75 km legs, each under the 100 km minimum.
    await ingest(app.t, tenant, [hop('it_split', 0, 0), hop('it_split', 150, 5)]);
    expect(await signals('it_split')).toEqual(['impossible_travel']);
    await ingest(app.t, tenant, [hop('it_split', 75, 2.5)]);
    expect(await signals('it_split')).toEqual([]);
    expect(await travel('it_split')).toEqual([]);
  });

  it('finds a new pair created by an event arriving between two others', async () => {
    await ingest(app.t, tenant, [hop('it_between', 0, 0), hop('it_between', 0.1, 600)]);
    expect(await signals('it_between')).toEqual([]);
    await ingest(app.t, tenant, [hop('it_between', 2000, 60)]);
    const incidents = await travel('it_between');
    expect(incidents.map((incident) => (incident.evidence.to as { city: string }).city)).toEqual(['km2000']);
  });

  it('sees each other’s events when two batches of one user are ingested concurrently', async () => {
    const users = ['it_race_1', 'it_race_2', 'it_race_3', 'it_race_4'];
    await Promise.all(users.flatMap((user) => [ingest(app.t, tenant, [hop(user, 0, 0)]), ingest(app.t, tenant, [hop(user, 5000, 10)])]));
    for (const user of users) expect(await signals(user)).toEqual(['impossible_travel']);
  });

  it('is recomputed idempotently when a batch is retried', async () => {
    const events = [hop('it_retry', 0, 0), hop('it_retry', 5000, 30)];
    await ingest(app.t, tenant, events);
    await ingest(app.t, tenant, events);
    expect(await travel('it_retry')).toHaveLength(1);
  });

  it('uses the tenant’s thresholds', async () => {
    await app.setSignals({ impossibleTravel: { maxKmh: 500 } });
    await ingest(app.t, tenant, [hop('it_custom', 0, 0), hop('it_custom', 600, 60)]);
    await app.setSignals({ impossibleTravel: { maxKmh: 900 } });
    expect(await signals('it_custom')).toEqual(['impossible_travel']);
    expect((await travel('it_custom'))[0].evidence).toMatchObject({ maxKmh: 500 });
  });

  it('gives the user 40 risk points (medium)', async () => {
    const user = await userDetail(app.t, app.session.as('viewer'), 'it_901');
    expect([user.riskScore, user.riskLevel]).toEqual([40, 'medium']);
  });
});
