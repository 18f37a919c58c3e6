import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTenantSession, type TenantSession } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { at, type CraftedEvent, daysAgo, ingestAll } from './support.js';

const PARIS = { lat: 48.8566, lon: 2.3522, city: 'Paris', country: 'FR' };
const NEW_YORK = { lat: 40.7128, lon: -74.006, city: 'New York', country: 'US' };
const TOKYO = { lat: 35.6762, lon: 139.6503, city: 'Tokyo', country: 'JP' };
const SYDNEY = { lat: -33.8688, lon: 151.2093, city: 'Sydney', country: 'AU' };
const LONDON = { lat: 51.5072, lon: -0.1276, city: 'London', country: 'GB' };
const MADRID = { lat: 40.4168, lon: -3.7038, city: 'Madrid', country: 'ES' };

/** 61 events of one user on one fingerprint within 54 seconds: over the velocity limit of 60 per minute. */
const burst = (userId: string, fingerprint: string, base: number, minute: number): CraftedEvent[] =>
  Array.from({ length: 61 }, (_, index) => ({ userId, fingerprint, eventType: 'login', timestamp: at(base, minute + index * 0.015) }));

describe('GET /v1/fraud/stats', () => {
  let t: TestApp;
  let session: TenantSession;
  const T = daysAgo(3);
  const G = daysAgo(40);
  const stats = (query = '') => t.http.get(`/v1/fraud/stats${query}`).set(session.as('viewer'));

  beforeAll(async () => {
    t = await startTestApp();
    session = await createTenantSession(t, 'fraud_stats');
    await ingestAll(t, session.tenantId, [
      // alice: Paris then New York one hour later (impossible travel); bob later uses her device (device shared).
      { userId: 'alice', fingerprint: 'fp_alice', geo: PARIS, timestamp: at(T, 0) },
      { userId: 'alice', fingerprint: 'fp_alice', geo: NEW_YORK, timestamp: at(T, 60) },
      { userId: 'bob', fingerprint: 'fp_alice', timestamp: at(T, 120) },
      // carol: a login burst (velocity) alone on her device.
      ...burst('carol', 'fp_carol', T, 300),
      // dave: Tokyo then Sydney 10 minutes later, a burst on a second device, a third device shared with erin (all four signals).
      { userId: 'dave', fingerprint: 'fp_dave2', geo: TOKYO, timestamp: at(T, 600) },
      { userId: 'dave', fingerprint: 'fp_dave2', geo: SYDNEY, timestamp: at(T, 610) },
      ...burst('dave', 'fp_dave1', T, 620),
      { userId: 'dave', fingerprint: 'fp_shared', timestamp: at(T, 630) },
      { userId: 'erin', fingerprint: 'fp_shared', timestamp: at(T, 700) },
      // frank: nothing suspicious. Anonymous traffic counts for nobody.
      { userId: 'frank', fingerprint: 'fp_frank', timestamp: at(T, 800) },
      { fingerprint: 'fp_anonymous', geo: TOKYO, timestamp: at(T, 801) },
      // grace: London then Madrid half an hour later, 40 days ago (outside the default window).
      { userId: 'grace', fingerprint: 'fp_grace', geo: LONDON, timestamp: at(G, 0) },
      { userId: 'grace', fingerprint: 'fp_grace', geo: MADRID, timestamp: at(G, 30) },
    ]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('counts users by risk level and per signal, lists the riskiest users and the impossible travel, over the last 30 days', async () => {
    const res = await stats().expect(200);
    expect(res.body).toEqual({
      // Known users: 7. dave 100, alice 65, bob and erin 25; carol (velocity only, 15), frank and grace (no incident in the window) are low.
      riskLevels: { low: 3, medium: 2, high: 1, critical: 1 },
      signals: { impossible_travel: 2, device_shared: 4, account_sharing: 1, velocity: 2 },
      topRiskyUsers: [
        { userId: 'dave', riskScore: 100, riskLevel: 'critical', signals: ['impossible_travel', 'device_shared', 'account_sharing', 'velocity'] },
        { userId: 'alice', riskScore: 65, riskLevel: 'high', signals: ['impossible_travel', 'device_shared'] },
        { userId: 'erin', riskScore: 25, riskLevel: 'medium', signals: ['device_shared'] },
        { userId: 'bob', riskScore: 25, riskLevel: 'medium', signals: ['device_shared'] },
        { userId: 'carol', riskScore: 15, riskLevel: 'low', signals: ['velocity'] },
      ],
      impossibleTravel: [
        { userId: 'dave', from: { ...TOKYO, at: at(T, 600) }, to: { ...SYDNEY, at: at(T, 610) }, km: 7825.8, kmh: 46954.9 },
        { userId: 'alice', from: { ...PARIS, at: at(T, 0) }, to: { ...NEW_YORK, at: at(T, 60) }, km: 5837.2, kmh: 5837.2 },
      ],
    });
  });

  it('limits both lists', async () => {
    const res = await stats('?limit=1').expect(200);
    expect(res.body.topRiskyUsers.map((user: { userId: string }) => user.userId)).toEqual(['dave']);
    expect(res.body.impossibleTravel.map((incident: { userId: string }) => incident.userId)).toEqual(['dave']);
  });

  it('takes an older window: only the users known by its end, with their incidents in it', async () => {
    const res = await stats(`?from=${at(daysAgo(41), 0)}&to=${at(daysAgo(39), 0)}`).expect(200);
    expect(res.body).toEqual({
      riskLevels: { low: 0, medium: 1, high: 0, critical: 0 },
      signals: { impossible_travel: 1, device_shared: 0, account_sharing: 0, velocity: 0 },
      topRiskyUsers: [{ userId: 'grace', riskScore: 40, riskLevel: 'medium', signals: ['impossible_travel'] }],
      impossibleTravel: [{ userId: 'grace', from: { ...LONDON, at: at(G, 0) }, to: { ...MADRID, at: at(G, 30) }, km: 1263.4, kmh: 2526.8 }],
    });
  });

  it('includes an incident at `from` and excludes one at `to`', async () => {
    const atFrom = await stats(`?from=${at(T, 60)}&to=${at(T, 61)}`).expect(200);
    expect(atFrom.body.riskLevels).toEqual({ low: 1, medium: 1, high: 0, critical: 0 });
    expect(atFrom.body.signals).toEqual({ impossible_travel: 1, device_shared: 0, account_sharing: 0, velocity: 0 });
    expect(atFrom.body.impossibleTravel.map((incident: { userId: string }) => incident.userId)).toEqual(['alice']);

    const atTo = await stats(`?from=${at(T, 0)}&to=${at(T, 60)}`).expect(200);
    expect(atTo.body).toEqual({
      riskLevels: { low: 2, medium: 0, high: 0, critical: 0 },
      signals: { impossible_travel: 0, device_shared: 0, account_sharing: 0, velocity: 0 },
      topRiskyUsers: [],
      impossibleTravel: [],
    });
  });

  it('rejects an inverted, empty or malformed window and a bad limit', async () => {
    const inverted = await stats(`?from=${at(T, 60)}&to=${at(T, 0)}`);
    expect([inverted.status, inverted.body.message]).toEqual([400, 'from must be before to']);
    const empty = await stats(`?from=${at(T, 60)}&to=${at(T, 60)}`);
    expect([empty.status, empty.body.message]).toEqual([400, 'from must be before to']);
    const malformed = await stats('?from=yesterday');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual([{ path: 'from', message: expect.stringMatching(/^from /) }]);
    for (const limit of ['0', '101', 'ten', '0x5', '1e1', '5.0', '+5', '-1']) expect((await stats(`?limit=${limit}`)).status).toBe(400);
    const unknown = await stats('?cursor=abc');
    expect([unknown.status, unknown.body.message]).toEqual([400, 'cursor should not exist']);
  });

  it('needs a credential and a tenant', async () => {
    expect((await t.http.get('/v1/fraud/stats').set('X-Organization-Id', session.tenantId)).status).toBe(401);
    const noTenant = await t.http.get('/v1/fraud/stats').set({ Authorization: `Bearer ${session.tokens.viewer}` });
    expect([noTenant.status, noTenant.body.message]).toEqual([400, 'X-Organization-Id header required']);
  });
});
