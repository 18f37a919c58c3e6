import { describe, expect, it } from '@jest/globals';
import { event, ingest, onEquator, recentBase, userDetail } from '../support/events.js';
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
      `SELECT count(*)::int AS flagged FROM user_risk WHERE tenant_id = $1 AND device_shared_last IS NOT NULL`,
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
    const listed = await app.t.http.get('/v1/incidents').query({ fingerprint: 'tri_fp' }).set(app.session.as('viewer')).expect(200);
    expect(listed.body).toEqual({
      data: [
        {
          id: expect.stringMatching(/^inc_\d+$/),
          signal: 'device_shared',
          status: 'open',
          subject: { type: 'fingerprint', id: 'tri_fp' },
          users: ['tri_a', 'tri_b'],
          firstSeenAt: at,
          lastSeenAt: at,
          occurrences: expect.any(Number),
          evidence: expect.objectContaining({ fingerprint: 'tri_fp' }),
          note: null,
        },
      ],
      nextCursor: null,
      hasMore: false,
    });
    expect(listed.headers['x-data-freshness']).toEqual(expect.any(String));
    const [before] = listed.body.data as Array<{ id: string; occurrences: number }>;
    await app.t.http.patch(`/v1/incidents/${before.id}`).set(app.session.as('viewer')).send({ status: 'resolved' }).expect(403);
    const triaged = await app.t.http
      .patch(`/v1/incidents/${before.id}`)
      .set(app.session.as('editor'))
      .send({ status: 'resolved', note: 'known family device' })
      .expect(200);
    expect(triaged.body).toMatchObject({ id: before.id, status: 'resolved', note: 'known family device' });

    await ingest(app.t, tenant, [event({ userId: 'tri_c', fingerprint: 'tri_fp', timestamp: at })]);
    const after = await app.t.http.get(`/v1/incidents/${before.id}`).set(app.session.as('viewer')).expect(200);
    expect(after.body).toMatchObject({ id: before.id, users: ['tri_a', 'tri_b', 'tri_c'], status: 'resolved', note: 'known family device' });
    expect(after.body.occurrences).toBeGreaterThan(before.occurrences);
    const [{ n }] = await app.t.db.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = $1 AND operation = 'incident.update' AND outcome = 'ok'`,
      [tenant],
    );
    expect(n).toBe(1);
  });

  it('takes a dismissed incident out of risk for every user it applies to, and puts it back when reopened', async () => {
    const start = recentBase() + 7 * HOUR_MS;
    const at = new Date(start).toISOString();
    const users = Array.from({ length: 120 }, (_, index) => `dis_u${String(index).padStart(3, '0')}`);
    // Two seconds apart: well under the velocity limit, so device_shared is the only signal.
    await ingest(
      app.t,
      tenant,
      users.map((userId, index) => event({ userId, fingerprint: 'dis_fp', timestamp: new Date(start + index * 2000).toISOString() })),
    );
    const listed = await app.t.http.get('/v1/incidents').query({ fingerprint: 'dis_fp' }).set(app.session.as('viewer')).expect(200);
    const [incident] = listed.body.data as Array<{ id: string; users: string[] }>;
    // Listed up to 100; all 120 carry the signal.
    expect(incident.users).toHaveLength(100);
    const riskOf = async (userId: string) => (await userDetail(app.t, app.session.as('viewer'), userId)).riskScore;
    expect([await riskOf('dis_u000'), await riskOf('dis_u119')]).toEqual([25, 25]);

    const triage = (status: string) => app.t.http.patch(`/v1/incidents/${incident.id}`).set(app.session.as('editor')).send({ status }).expect(200);
    await triage('dismissed');
    expect([await riskOf('dis_u000'), await riskOf('dis_u119')]).toEqual([0, 0]);
    expect(await app.signals('dis_u119')).toEqual([]);
    // New evidence of the dismissed incident's day does not bring the signal back.
    await ingest(app.t, tenant, [event({ userId: 'dis_late', fingerprint: 'dis_fp', timestamp: at })]);
    expect(await app.signals('dis_late')).toEqual([]);
    // The user detail still shows the evidence: dismissed incidents count in history.
    expect((await userDetail(app.t, app.session.as('viewer'), 'dis_u119')).incidents.map((row) => row.signal)).toEqual(['device_shared']);

    await triage('open');
    expect([await riskOf('dis_u119'), await riskOf('dis_late')]).toEqual([25, 25]);
  });

  it('answers 404 for an unknown or malformed incident id', async () => {
    await app.t.http.get('/v1/incidents/inc_999999').set(app.session.as('viewer')).expect(404);
    await app.t.http.get('/v1/incidents/999').set(app.session.as('viewer')).expect(404);
    await app.t.http.patch('/v1/incidents/inc_999999').set(app.session.as('editor')).send({ note: 'x' }).expect(404);
  });
});
