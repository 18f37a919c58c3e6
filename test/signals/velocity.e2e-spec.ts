import { describe, expect, it } from '@jest/globals';
import { event, ingest, recentBase, userDetail } from '../support/events.js';
import { useTenantApp } from '../support/tenant-app.js';

describe('velocity', () => {
  const tenant = 'sig_velocity';
  const app = useTenantApp(tenant);
  const base = recentBase();
  const signals = app.signals;
  const velocity = (userId: string) => app.incidents(userId, 'velocity');
  /** `count` events of one fingerprint, `stepMs` apart from `startMs`; userIds cycle through `users`. */
  const burst = (fingerprint: string, users: Array<string | undefined>, count: number, stepMs: number, startMs = base) =>
    Array.from({ length: count }, (_, i) =>
      event({ fingerprint, userId: users[i % users.length], eventType: 'login', timestamp: new Date(startMs + i * stepMs).toISOString() }),
    );

  it('flags 61 events in a minute and not 60', async () => {
    await ingest(app.t, tenant, burst('fp_60', ['v60'], 60, 900));
    await ingest(app.t, tenant, burst('fp_61', ['v61'], 61, 900));
    expect(await signals('v60')).toEqual([]);
    expect(await signals('v61')).toEqual(['velocity']);
    const [incident] = await velocity('v61');
    expect(incident.evidence).toMatchObject({ fingerprint: 'fp_61', events: 61, maxEvents: 60, windowSeconds: 60, users: ['v61'] });
    expect(incident.evidence.eventIds).toHaveLength(61);
  });

  it('uses a half-open window: the 61st event at exactly t + 60 s is outside', async () => {
    // 60 events in [t, t + 59 s], then one at t + 60 s: no window [s, s + 60 s) holds 61.
    const events = [...burst('fp_edge', ['v_edge'], 60, 1000), ...burst('fp_edge', ['v_edge'], 1, 0, base + 60_000)];
    await ingest(app.t, tenant, events);
    expect(await signals('v_edge')).toEqual([]);
    await ingest(app.t, tenant, burst('fp_edge', ['v_edge'], 1, 0, base + 59_999));
    expect(await signals('v_edge')).toEqual(['velocity']);
  });

  it('finds a burst split across batches arriving out of order', async () => {
    await ingest(app.t, tenant, burst('fp_split', ['v_split'], 31, 500, base + 30_000));
    expect(await signals('v_split')).toEqual([]);
    await ingest(app.t, tenant, burst('fp_split', ['v_split'], 30, 500, base));
    expect(await signals('v_split')).toEqual(['velocity']);
  });

  it('flags every user of the burst’s events, and nobody for anonymous events', async () => {
    await ingest(app.t, tenant, burst('fp_stuffing', ['victim_1', 'victim_2', undefined], 90, 500));
    // Two accounts on one device is device sharing as well.
    expect(await signals('victim_1')).toEqual(['device_shared', 'velocity']);
    expect(await signals('victim_2')).toEqual(['device_shared', 'velocity']);
    const rows = await app.t.db.sql(`SELECT DISTINCT user_id FROM signal_incidents WHERE tenant_id = $1 AND incident_key LIKE 'fp_stuffing@%' ORDER BY 1`, [
      tenant,
    ]);
    expect(rows.map((row) => row.user_id)).toEqual(['victim_1', 'victim_2']);
  });

  it('counts a burst split across batches ingested concurrently', async () => {
    const users = ['v_race_1', 'v_race_2', 'v_race_3'];
    await Promise.all(
      users.flatMap((user) => [
        ingest(app.t, tenant, burst(`fp_${user}`, [user], 31, 900)),
        ingest(app.t, tenant, burst(`fp_${user}`, [user], 30, 900, base + 30 * 900)),
      ]),
    );
    for (const user of users) expect(await signals(user)).toEqual(['velocity']);
  });

  it('is not raised by the same number of events spread wider', async () => {
    await ingest(app.t, tenant, burst('fp_slow', ['v_slow'], 120, 1100));
    expect(await signals('v_slow')).toEqual([]);
  });

  it('uses the tenant’s thresholds', async () => {
    await app.setSignals({ velocity: { maxEvents: 10, windowSeconds: 10 } });
    await ingest(app.t, tenant, burst('fp_custom', ['v_custom'], 11, 900));
    await app.setSignals({ velocity: { maxEvents: 60, windowSeconds: 60 } });
    expect(await signals('v_custom')).toEqual(['velocity']);
  });

  it('gives the user 15 risk points (low)', async () => {
    const user = await userDetail(app.t, app.session.as('viewer'), 'v61');
    expect([user.riskScore, user.riskLevel]).toEqual([15, 'low']);
  });
});
