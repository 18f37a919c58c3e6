import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { revertAndReapply } from '../support/migrations.js';
import { AnalyticsHours1795710000000 } from '../../libs/database/src/migrations/1795710000000-AnalyticsHours.js';
import { fieldProblems } from '../support/errors.js';
import { createTenantSession, type TenantSession } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { at, daysAgo, ingestAll } from './support.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const PARIS = { lat: 48.8566, lon: 2.3522, city: 'Paris', country: 'FR' };
const NEW_YORK = { lat: 40.7128, lon: -74.006, city: 'New York', country: 'US' };

const iso = (ms: number) => new Date(ms).toISOString();
/** The expected series: `values[i]` in the bucket `start + i × step`. */
const series = (start: number, step: number, values: number[]) => values.map((value, index) => ({ t: iso(start + index * step), value }));

describe('GET /v1/analytics/timeseries', () => {
  let t: TestApp;
  let counts: TenantSession;
  let risk: TenantSession;
  /** Midnight UTC five and three days ago. */
  const D = daysAgo(5);
  const R = daysAgo(3);
  const read = (session: TenantSession, query: Record<string, string>) => t.http.get('/v1/analytics/timeseries').query(query).set(session.as('viewer'));
  const values = async (session: TenantSession, query: Record<string, string>) => {
    const res = await read(session, query);
    expect([res.status, res.body.metric, res.body.interval]).toEqual([200, query.metric, query.interval ?? 'day']);
    return res.body.data as Array<{ t: string; value: number }>;
  };

  beforeAll(async () => {
    t = await startTestApp();
    counts = await createTenantSession(t, 'ts_counts');
    risk = await createTenantSession(t, 'ts_risk');
    await ingestAll(t, counts.tenantId, [
      // The last millisecond of the day before D, and the first instant of D.
      { userId: 'u1', fingerprint: 'fp1', timestamp: iso(D - 1) },
      { userId: 'u2', fingerprint: 'fp2', timestamp: iso(D) },
      { userId: 'u1', fingerprint: 'fp1', timestamp: at(D, 30) },
      { fingerprint: 'fp_anonymous', timestamp: at(D, 90) },
      { userId: 'u3', fingerprint: 'fp3', timestamp: at(D + DAY, 300) },
    ]);
    await ingestAll(t, risk.tenantId, [
      // alice: Paris then New York an hour later (impossible travel, first seen 10:00, last seen 11:00).
      { userId: 'alice', fingerprint: 'fp_alice', geo: PARIS, timestamp: at(R, 600) },
      { userId: 'alice', fingerprint: 'fp_alice', geo: NEW_YORK, timestamp: at(R, 660) },
      // bob then carol on one device: shared from 13:30.
      { userId: 'bob', fingerprint: 'fp_shared', timestamp: at(R, 720) },
      { userId: 'carol', fingerprint: 'fp_shared', timestamp: at(R, 810) },
      // dave: impossible travel the next day, at 01:00 and 01:30.
      { userId: 'dave', fingerprint: 'fp_dave', geo: PARIS, timestamp: at(R + DAY, 60) },
      { userId: 'dave', fingerprint: 'fp_dave', geo: NEW_YORK, timestamp: at(R + DAY, 90) },
    ]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('counts events and new users per UTC day and hour, every bucket present, across midnight exactly', async () => {
    const days = { from: iso(D - DAY), to: iso(D + 3 * DAY) };
    expect(await values(counts, { metric: 'events', interval: 'day', ...days })).toEqual(series(D - DAY, DAY, [1, 3, 1, 0]));
    expect(await values(counts, { metric: 'new_users', interval: 'day', ...days })).toEqual(series(D - DAY, DAY, [1, 1, 1, 0]));
    const hours = { from: iso(D - HOUR), to: iso(D + 3 * HOUR) };
    expect(await values(counts, { metric: 'events', interval: 'hour', ...hours })).toEqual(series(D - HOUR, HOUR, [1, 2, 1, 0]));
    expect(await values(counts, { metric: 'new_users', interval: 'hour', ...hours })).toEqual(series(D - HOUR, HOUR, [1, 1, 0, 0]));
  });

  it('widens a window that does not fall on bucket edges to the whole buckets it touches', async () => {
    // From 23:59 the day before to 00:01 on D: the two days, each counted whole.
    expect(await values(counts, { metric: 'events', interval: 'day', from: iso(D - 60_000), to: iso(D + 60_000) })).toEqual(series(D - DAY, DAY, [1, 3]));
  });

  it('moves a new user to an earlier hour when an earlier first event arrives late', async () => {
    await ingestAll(t, counts.tenantId, [
      { userId: 'u3', fingerprint: 'fp3', timestamp: at(D, -120) },
      // A later event of a known user changes nothing.
      { userId: 'u2', fingerprint: 'fp2', timestamp: at(D, 10) },
    ]);
    const days = { from: iso(D - DAY), to: iso(D + 3 * DAY) };
    expect(await values(counts, { metric: 'new_users', interval: 'day', ...days })).toEqual(series(D - DAY, DAY, [2, 1, 0, 0]));
    expect(await values(counts, { metric: 'events', interval: 'day', ...days })).toEqual(series(D - DAY, DAY, [2, 4, 1, 0]));
    const hours = { from: iso(D - 2 * HOUR), to: iso(D + HOUR) };
    expect(await values(counts, { metric: 'new_users', interval: 'hour', ...hours })).toEqual(series(D - 2 * HOUR, HOUR, [1, 1, 1]));
  });

  it('counts incidents by their first-seen time, per signal, dismissed ones included', async () => {
    const days = { from: iso(R), to: iso(R + 2 * DAY) };
    expect(await values(risk, { metric: 'incidents', interval: 'day', ...days })).toEqual(series(R, DAY, [2, 1]));
    expect(await values(risk, { metric: 'incidents', interval: 'day', signal: 'impossible_travel', ...days })).toEqual(series(R, DAY, [1, 1]));
    expect(await values(risk, { metric: 'incidents', interval: 'day', signal: 'velocity', ...days })).toEqual(series(R, DAY, [0, 0]));
    const hours = { from: iso(R + 10 * HOUR), to: iso(R + 14 * HOUR) };
    expect(await values(risk, { metric: 'incidents', interval: 'hour', ...hours })).toEqual(series(R + 10 * HOUR, HOUR, [1, 0, 0, 1]));
  });

  it('counts each flagged user once, by its latest occurrence outside dismissed incidents', async () => {
    const days = { from: iso(R), to: iso(R + 2 * DAY) };
    expect(await values(risk, { metric: 'risky_users', interval: 'day', ...days })).toEqual(series(R, DAY, [3, 1]));
    const listed = await t.http.get('/v1/incidents').query({ userId: 'dave' }).set(risk.as('viewer')).expect(200);
    expect(listed.body.data).toHaveLength(1);
    await t.http.patch(`/v1/incidents/${listed.body.data[0].id}`).set(risk.as('editor')).send({ status: 'dismissed' }).expect(200);
    expect(await values(risk, { metric: 'risky_users', interval: 'day', ...days })).toEqual(series(R, DAY, [3, 0]));
    expect(await values(risk, { metric: 'incidents', interval: 'day', ...days })).toEqual(series(R, DAY, [2, 1]));
    expect(await values(risk, { metric: 'risky_users', interval: 'day', signal: 'device_shared', ...days })).toEqual(series(R, DAY, [2, 0]));
    const hours = { from: iso(R + 10 * HOUR), to: iso(R + 14 * HOUR) };
    expect(await values(risk, { metric: 'risky_users', interval: 'hour', ...hours })).toEqual(series(R + 10 * HOUR, HOUR, [0, 1, 0, 2]));
  });

  it('defaults to the last 30 days by day, and says how fresh the data is', async () => {
    const res = await read(counts, { metric: 'events' }).expect(200);
    expect(res.headers['x-data-freshness']).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT/));
    expect(res.body.interval).toBe('day');
    // 30 days ending now touch 31 days (now is not midnight to the millisecond).
    expect(res.body.data).toHaveLength(31);
    expect(res.body.data.reduce((sum: number, point: { value: number }) => sum + point.value, 0)).toBe(7);
  });

  it('answers at most 1000 buckets', async () => {
    const end = D + HOUR;
    const thousand = await values(counts, { metric: 'events', interval: 'hour', from: iso(end - 1000 * HOUR), to: iso(end) });
    expect(thousand).toHaveLength(1000);
    expect(thousand.slice(-3)).toEqual(series(D - 2 * HOUR, HOUR, [1, 1, 3]));
    const over = await read(counts, { metric: 'events', interval: 'hour', from: iso(end - 1000 * HOUR), to: iso(end + 1) }).expect(400);
    expect(fieldProblems(over)).toEqual([{ path: 'interval', message: expect.stringContaining('1001 hour buckets') }]);
  });

  it('refuses an unknown metric, interval or signal, a misplaced signal and a bad window, naming the field', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{}, 'metric'],
      [{ metric: 'clicks' }, 'metric'],
      [{ metric: 'events', interval: 'week' }, 'interval'],
      [{ metric: 'incidents', signal: 'phishing' }, 'signal'],
      [{ metric: 'events', signal: 'velocity' }, 'signal'],
      [{ metric: 'events', from: 'yesterday' }, 'from'],
      [{ metric: 'events', from: iso(D), to: iso(D - DAY) }, 'from'],
    ];
    for (const [query, path] of cases) {
      const res = await read(counts, query);
      expect([res.status, query]).toEqual([400, query]);
      expect(fieldProblems(res).map((problem) => problem.path)).toContain(path);
    }
  });

  it('gives a superadmin each tenant’s series and their sum, with allTenants=true', async () => {
    const superadmin = { Authorization: `Bearer ${await t.issuer.sign('user_superadmin')}` };
    // Days D-1 .. D+3 (R is D+2).
    const query = { metric: 'events', interval: 'day', from: iso(D - DAY), to: iso(R + 2 * DAY), allTenants: 'true' };
    const res = await t.http.get('/v1/analytics/timeseries').query(query).set(superadmin).expect(200);
    expect(res.body).toEqual({
      total: { metric: 'events', interval: 'day', data: series(D - DAY, DAY, [2, 4, 1, 4, 2]) },
      byTenant: [
        { tenantId: 'ts_counts', metric: 'events', interval: 'day', data: series(D - DAY, DAY, [2, 4, 1, 0, 0]) },
        { tenantId: 'ts_risk', metric: 'events', interval: 'day', data: series(D - DAY, DAY, [0, 0, 0, 4, 2]) },
      ],
    });
  });

  it('builds the same rollup from the stored events and users when the migration runs on a populated store', async () => {
    const snapshot = async () => ({
      hours: await t.db.sql(`SELECT tenant_id, hour, events::int, new_users::int FROM analytics_hours ORDER BY tenant_id, hour`),
      incidents: await t.db.sql(`SELECT tenant_id, signal, hour, incidents::int FROM incident_hours ORDER BY tenant_id, signal, hour`),
      risk: await t.db.sql(`SELECT tenant_id, series, hour, users::int FROM risk_hours WHERE users <> 0 ORDER BY tenant_id, series, hour`),
    });
    const queries = ['events', 'new_users', 'incidents', 'risky_users'].flatMap((metric) =>
      ['hour', 'day'].map((interval) => ({ metric, interval, from: iso(D - 2 * DAY), to: iso(R + 2 * DAY) })),
    );
    const answers = () => Promise.all(queries.flatMap((query) => [values(counts, query), values(risk, query)]));
    const before = await snapshot();
    const answered = await answers();
    expect([before.hours.length, before.incidents.length, before.risk.length]).toEqual([10, 3, 4]);

    await revertAndReapply(t.db.url, new AnalyticsHours1795710000000());

    expect(await snapshot()).toEqual(before);
    expect(await answers()).toEqual(answered);
  });

  it('stays exact when batches with the same users arrive concurrently, out of order', async () => {
    const busy = await createTenantSession(t, 'ts_busy');
    // 8 batches sent at once, each with the 12 users at times spread over 6 hours, every batch in another order.
    const batches = Array.from({ length: 8 }, (_, batch) =>
      Array.from({ length: 12 }, (_, user) => ({
        userId: `p${user}`,
        fingerprint: `fp_p${user}`,
        timestamp: at(D, ((batch * 37 + user * 53) % 360) + batch / 10),
      })),
    );
    await Promise.all(batches.map((events) => ingestAll(t, busy.tenantId, events)));
    const events = batches.flat();
    const expected = (of: (event: { userId: string; timestamp: string }) => boolean) =>
      Array.from({ length: 6 }, (_, hour) => events.filter((event) => of(event) && Math.floor((Date.parse(event.timestamp) - D) / HOUR) === hour).length);
    const firsts = new Map<string, string>();
    for (const event of events) if (!firsts.has(event.userId) || event.timestamp < firsts.get(event.userId)!) firsts.set(event.userId, event.timestamp);
    const hours = { from: iso(D), to: iso(D + 6 * HOUR) };
    expect(await values(busy, { metric: 'events', interval: 'hour', ...hours })).toEqual(
      series(
        D,
        HOUR,
        expected(() => true),
      ),
    );
    expect(await values(busy, { metric: 'new_users', interval: 'hour', ...hours })).toEqual(
      series(
        D,
        HOUR,
        expected((event) => firsts.get(event.userId) === event.timestamp),
      ),
    );
  });
});
