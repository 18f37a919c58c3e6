import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTenantSession, type TenantSession } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { at, daysAgo, ingestAll } from './support.js';

const PARIS = { lat: 48.8566, lon: 2.3522, city: 'Paris', country: 'FR' };
const VERSAILLES = { lat: 48.8049, lon: 2.1204, city: 'Versailles', country: 'FR' };
const BERLIN = { lat: 52.52, lon: 13.405, city: 'Berlin', country: 'DE' };

describe('GET /v1/account-sharing', () => {
  let t: TestApp;
  let session: TenantSession;
  const T = daysAgo(4);
  const OLD = daysAgo(40);
  const sharing = (query = '') => t.http.get(`/v1/account-sharing${query}`).set(session.as('viewer'));

  beforeAll(async () => {
    t = await startTestApp();
    session = await createTenantSession(t, 'sharing');
    await ingestAll(t, session.tenantId, [
      // s1: three devices within two hours.
      { userId: 's1', fingerprint: 'fp_s1a', timestamp: at(T, 0) },
      { userId: 's1', fingerprint: 'fp_s1b', timestamp: at(T, 60) },
      { userId: 's1', fingerprint: 'fp_s1c', timestamp: at(T, 120) },
      // s2: two sessions at the same time, in Paris and in Berlin.
      { userId: 's2', fingerprint: 'fp_s2a', sessionId: 'paris', geo: PARIS, timestamp: at(T, 300) },
      { userId: 's2', fingerprint: 'fp_s2a', sessionId: 'paris', geo: PARIS, timestamp: at(T, 340) },
      { userId: 's2', fingerprint: 'fp_s2b', sessionId: 'berlin', geo: BERLIN, timestamp: at(T, 310) },
      { userId: 's2', fingerprint: 'fp_s2b', sessionId: 'berlin', geo: BERLIN, timestamp: at(T, 330) },
      // s3: two sessions at the same time a few km apart, two devices only: not sharing.
      { userId: 's3', fingerprint: 'fp_s3a', geo: PARIS, timestamp: at(T, 400) },
      { userId: 's3', fingerprint: 'fp_s3b', geo: VERSAILLES, timestamp: at(T, 405) },
      // s4: three devices, 40 days ago.
      { userId: 's4', fingerprint: 'fp_s4a', timestamp: at(OLD, 0) },
      { userId: 's4', fingerprint: 'fp_s4b', timestamp: at(OLD, 1) },
      { userId: 's4', fingerprint: 'fp_s4c', timestamp: at(OLD, 2) },
    ]);
  });
  afterAll(async () => {
    await t.close();
  });

  const s2 = () => ({
    userId: 's2',
    fingerprints: ['fp_s2a', 'fp_s2b'],
    incidentCount: 1,
    lastIncidentAt: at(T, 330),
    evidence: [
      {
        kind: 'overlapping_sessions',
        fingerprints: ['fp_s2a', 'fp_s2b'],
        km: 877.5,
        minKm: 50,
        sessions: [
          { fingerprint: 'fp_s2a', sessionId: 'paris', start: at(T, 300), end: at(T, 340), place: PARIS },
          { fingerprint: 'fp_s2b', sessionId: 'berlin', start: at(T, 310), end: at(T, 330), place: BERLIN },
        ],
        occurredAt: at(T, 330),
      },
    ],
  });
  const s1 = () => ({
    userId: 's1',
    fingerprints: ['fp_s1a', 'fp_s1b', 'fp_s1c'],
    incidentCount: 1,
    lastIncidentAt: at(T, 0),
    evidence: [
      {
        kind: 'fingerprints_in_window',
        fingerprints: ['fp_s1a', 'fp_s1b', 'fp_s1c'],
        fingerprintCount: 3,
        minFingerprints: 3,
        windowHours: 24,
        windowStart: at(T, 0),
        windowEnd: at(T, 1440),
        occurredAt: at(T, 0),
      },
    ],
  });

  it('lists flagged users, latest incident first, with fingerprints, sessions and distances, and totals', async () => {
    expect((await sharing().expect(200)).body).toEqual({ totals: { users: 2, fingerprints: 5 }, data: [s2(), s1()], nextCursor: null, hasMore: false });
  });

  it('pages users while the totals stay whole', async () => {
    const first = await sharing('?limit=1').expect(200);
    expect(first.body).toEqual({ totals: { users: 2, fingerprints: 5 }, data: [s2()], nextCursor: expect.any(String), hasMore: true });
    const second = await sharing(`?limit=1&cursor=${first.body.nextCursor}`).expect(200);
    expect(second.body).toEqual({ totals: { users: 2, fingerprints: 5 }, data: [s1()], nextCursor: null, hasMore: false });
  });

  it('takes the window on incident times, `from` inclusive and `to` exclusive', async () => {
    expect((await sharing(`?from=${at(T, 330)}&to=${at(T, 331)}`).expect(200)).body).toEqual({
      totals: { users: 1, fingerprints: 2 },
      data: [s2()],
      nextCursor: null,
      hasMore: false,
    });
    expect((await sharing(`?from=${at(T, 0)}&to=${at(T, 330)}`).expect(200)).body).toEqual({
      totals: { users: 1, fingerprints: 3 },
      data: [s1()],
      nextCursor: null,
      hasMore: false,
    });
    const old = await sharing(`?from=${at(daysAgo(41), 0)}&to=${at(daysAgo(39), 0)}`).expect(200);
    expect(old.body.totals).toEqual({ users: 1, fingerprints: 3 });
    expect(old.body.data.map((user: { userId: string; fingerprints: string[] }) => [user.userId, user.fingerprints])).toEqual([
      ['s4', ['fp_s4a', 'fp_s4b', 'fp_s4c']],
    ]);
    expect((await sharing(`?from=${at(T, 331)}&to=${at(T, 1440)}`).expect(200)).body).toEqual({
      totals: { users: 0, fingerprints: 0 },
      data: [],
      nextCursor: null,
      hasMore: false,
    });
  });

  it('leaves out users whose incidents are dismissed, as risk does, while their devices stay in the totals', async () => {
    const incidents = await t.http.get('/v1/incidents?signal=account_sharing&userId=s1').set(session.as('viewer')).expect(200);
    expect(incidents.body.data).toHaveLength(1);
    const triage = (status: string) => t.http.patch(`/v1/incidents/${incidents.body.data[0].id}`).set(session.as('editor')).send({ status }).expect(200);
    await triage('dismissed');
    expect((await sharing().expect(200)).body).toEqual({ totals: { users: 1, fingerprints: 5 }, data: [s2()], nextCursor: null, hasMore: false });
    await triage('open');
    expect((await sharing().expect(200)).body.data).toEqual([s2(), s1()]);
  });

  it('finds a user flagged in the window and again after it', async () => {
    const [before, after] = [daysAgo(10), daysAgo(6)];
    await ingestAll(
      t,
      session.tenantId,
      [before, after].flatMap((day) => ['a', 'b', 'c'].map((device, n) => ({ userId: 's5', fingerprint: `fp_s5${device}`, timestamp: at(day, n) }))),
    );
    const window = await sharing(`?from=${at(daysAgo(11), 0)}&to=${at(daysAgo(8), 0)}`).expect(200);
    expect(window.body.totals).toEqual({ users: 1, fingerprints: 3 });
    expect(
      window.body.data.map((user: { userId: string; lastIncidentAt: string; incidentCount: number }) => [user.userId, user.lastIncidentAt, user.incidentCount]),
    ).toEqual([['s5', at(before, 0), 1]]);
  });

  it('rejects a bad window, limit or cursor', async () => {
    expect((await sharing(`?from=${at(T, 1)}&to=${at(T, 0)}`)).status).toBe(400);
    expect((await sharing('?limit=501')).status).toBe(400);
    const cursor = await sharing('?cursor=WyJ4Il0');
    expect([cursor.status, cursor.body.code]).toEqual([400, 'invalid_cursor']);
  });
});
