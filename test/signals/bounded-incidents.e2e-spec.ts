import { describe, expect, it } from '@jest/globals';
import { event, ingest, onEquator, recentBase } from '../support/events.js';
import { useTenantApp } from '../support/tenant-app.js';

const HOUR_MS = 3_600_000;

describe('incidents bounded by subjects and days', () => {
  const tenant = 'bounded';
  const app = useTenantApp(tenant);
  const incidents = (signal: string) =>
    app.t.db.sql<{ subject_id: string; day: string; occurrences: number; users: string[] }>(
      `SELECT subject_id, day::text, occurrences::int, users FROM incidents WHERE tenant_id = $1 AND signal = $2`,
      [tenant, signal],
    );

  it('makes at most subjects × days incidents from a device farm, whatever the number of events', async () => {
    const [users, fingerprints, days] = [60, 12, 3];
    const base = recentBase() - 3 * 24 * HOUR_MS;
    // Every event a fresh user–device pair, timestamps spread over three days and shuffled, geo jumping.
    const pairs = Array.from({ length: users * fingerprints }, (_, i) => ({ user: i % users, fingerprint: Math.floor(i / users) }));
    const events = pairs
      .map(({ user, fingerprint }, i) =>
        event({
          userId: `farm_u${user}`,
          fingerprint: `farm_fp${fingerprint}`,
          geo: onEquator((i * 7919) % 9000),
          timestamp: new Date(base + ((i * 104729) % (days * 24 * HOUR_MS))).toISOString(),
        }),
      )
      .sort((a, b) => (a.eventId! < b.eventId! ? 1 : -1));
    for (let start = 0; start < events.length; start += 240) await ingest(app.t, tenant, events.slice(start, start + 240));

    const deviceShared = await incidents('device_shared');
    expect(deviceShared.length).toBeGreaterThan(0);
    expect(deviceShared.length).toBeLessThanOrEqual(fingerprints * (days + 1));
    // One incident per subject and day, its occurrences adding up to the evidence behind it.
    expect(new Set(deviceShared.map((incident) => `${incident.subject_id}@${incident.day}`)).size).toBe(deviceShared.length);
    expect(deviceShared.every((incident) => incident.users.length <= 100 && incident.users.length >= 1)).toBe(true);
    for (const signal of ['account_sharing', 'impossible_travel']) expect((await incidents(signal)).length).toBeLessThanOrEqual(users * (days + 1));
    const [{ total }] = await app.t.db.sql<{ total: number }>(`SELECT count(*)::int AS total FROM incidents WHERE tenant_id = $1`, [tenant]);
    expect(total).toBeLessThan(events.length / 2);
    // Every user of a shared device still has the signal.
    const [{ flagged }] = await app.t.db.sql<{ flagged: number }>(
      `SELECT count(*)::int AS flagged FROM user_signals WHERE tenant_id = $1 AND signal = 'device_shared'`,
      [tenant],
    );
    expect(flagged).toBe(users);
    expect(await app.signals('farm_u7')).toContain('device_shared');
  });

  it('keeps the incident id and its triage (status, note) as more evidence updates it in place', async () => {
    const at = new Date(recentBase() + 6 * HOUR_MS).toISOString();
    await ingest(app.t, tenant, [
      event({ userId: 'tri_a', fingerprint: 'tri_fp', timestamp: at }),
      event({ userId: 'tri_b', fingerprint: 'tri_fp', timestamp: at }),
    ]);
    const [before] = await app.t.db.sql(`SELECT id, occurrences::int, users FROM incidents WHERE tenant_id = $1 AND subject_id = 'tri_fp'`, [tenant]);
    expect(before.users).toEqual(['tri_a', 'tri_b']);
    await app.t.db.sql(`UPDATE incidents SET status = 'resolved', note = 'known family device' WHERE tenant_id = $1 AND id = $2`, [tenant, before.id]);
    await ingest(app.t, tenant, [event({ userId: 'tri_c', fingerprint: 'tri_fp', timestamp: at })]);
    const after = await app.t.db.sql(`SELECT id, occurrences::int, users, status, note FROM incidents WHERE tenant_id = $1 AND subject_id = 'tri_fp'`, [
      tenant,
    ]);
    expect(after).toEqual([
      { id: before.id, occurrences: expect.any(Number), users: ['tri_a', 'tri_b', 'tri_c'], status: 'resolved', note: 'known family device' },
    ]);
    expect(after[0].occurrences).toBeGreaterThan(before.occurrences);
  });
});
