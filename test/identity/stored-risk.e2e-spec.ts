import { beforeAll, describe, expect, it } from '@jest/globals';
import { at, event, ingest, onEquator, recentBase, type TestEvent } from '../support/events.js';
import { useTenantApp } from '../support/tenant-app.js';

const base = recentBase();

/** Impossible travel (40) and a burst of 61 events in a minute (15): 55 points. */
const travelAndBurst = (userId: string): TestEvent[] => [
  event({ userId, fingerprint: `${userId}_home`, geo: onEquator(0), timestamp: at(base, 0) }),
  event({ userId, fingerprint: `${userId}_home`, geo: onEquator(3000), timestamp: at(base, 30) }),
  ...Array.from({ length: 61 }, (_, i) => event({ userId, fingerprint: `${userId}_bot`, timestamp: new Date(base + 100 * 60_000 + i * 500).toISOString() })),
];

describe('users sorted by risk, from the stored scores', () => {
  const tenant = 'idn_stored_risk';
  const app = useTenantApp(tenant);
  const ranked = async () =>
    (await app.t.http.get('/v1/users').query({ sort: 'riskScore', limit: 4 }).set(app.session.as('viewer')).expect(200)).body.data.map(
      (user: { userId: string; riskScore: number; signals: string[] }) => [user.userId, user.riskScore, user.signals],
    );
  const level = async (riskLevel: string) =>
    (await app.t.http.get('/v1/users').query({ riskLevel, limit: 10 }).set(app.session.as('viewer')).expect(200)).body.data
      .map((user: { userId: string }) => user.userId)
      .sort();
  /**
   * What 31 days without a write do to `who`'s row as far as velocity goes: its occurrences and the
   * stored score's expiry move 31 days into the past, the stored score stays as written.
   */
  const ageVelocity = (who: string) =>
    app.t.db.sql(
      `UPDATE user_risk SET velocity_first = velocity_first - interval '31 days', velocity_last = velocity_last - interval '31 days',
                            risk_score_expires_at = risk_score_expires_at - interval '31 days'
       WHERE tenant_id = $1 AND user_id = $2`,
      [tenant, who],
    );
  const stored = async (who: string) =>
    (await app.t.db.sql<{ risk_score: number }>(`SELECT risk_score FROM user_risk WHERE tenant_id = $1 AND user_id = $2`, [tenant, who]))[0].risk_score;

  beforeAll(async () => {
    await ingest(app.t, tenant, [
      ...travelAndBurst('r_kept'),
      ...travelAndBurst('r_aged'),
      event({ userId: 'r_shared', fingerprint: 'fp_family', timestamp: at(base, 40) }),
      event({ userId: 'r_shared_partner', fingerprint: 'fp_family', timestamp: at(base, 41) }),
    ]);
  });

  it('ranks users by the score the projection stored', async () => {
    expect(await stored('r_aged')).toBe(55);
    expect(await ranked()).toEqual([
      ['r_kept', 55, ['impossible_travel', 'velocity']],
      ['r_aged', 55, ['impossible_travel', 'velocity']],
      ['r_shared_partner', 25, ['device_shared']],
      ['r_shared', 25, ['device_shared']],
    ]);
  });

  it('lowers a stored score once a signal it counts leaves the window, in the order and the level filters, before and after the projection rescores it', async () => {
    await ageVelocity('r_aged');
    const lowered = [
      ['r_kept', 55, ['impossible_travel', 'velocity']],
      ['r_aged', 40, ['impossible_travel']],
      ['r_shared_partner', 25, ['device_shared']],
      ['r_shared', 25, ['device_shared']],
    ];
    expect(await stored('r_aged')).toBe(55);
    expect(await ranked()).toEqual(lowered);
    expect(await level('high')).toEqual(['r_kept']);
    expect(await level('medium')).toEqual(['r_aged', 'r_shared', 'r_shared_partner']);
    // Any chunk of the tenant rescores its stale rows.
    await ingest(app.t, tenant, [event({ userId: 'r_calm', fingerprint: 'fp_calm', timestamp: at(base, 500) })]);
    expect(await stored('r_aged')).toBe(40);
    expect(await ranked()).toEqual(lowered);
  });
});
