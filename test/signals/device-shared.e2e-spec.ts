import { describe, expect, it } from '@jest/globals';
import { at, event, ingest, recentBase, userDetail } from '../support/events.js';
import { useTenantApp } from '../support/tenant-app.js';

describe('device_shared', () => {
  const tenant = 'sig_shared';
  const app = useTenantApp(tenant);
  const base = recentBase();
  const signals = app.signals;
  const shared = (userId: string) => app.incidents(userId, 'device_shared');
  const use = (userId: string | undefined, fingerprint: string, minutes: number) => event({ userId, fingerprint, timestamp: at(base, minutes) });

  it('needs a second user on the fingerprint, then flags both', async () => {
    await ingest(app.t, tenant, [use('ds_a', 'fp_family', 0), use('ds_a', 'fp_family', 5)]);
    expect(await signals('ds_a')).toEqual([]);
    await ingest(app.t, tenant, [use('ds_b', 'fp_family', 30)]);
    expect(await signals('ds_a')).toEqual(['device_shared']);
    expect(await signals('ds_b')).toEqual(['device_shared']);
    const [incident] = await shared('ds_a');
    expect(incident.evidence).toEqual({ fingerprint: 'fp_family', userCount: 2, users: ['ds_a', 'ds_b'], sharedSince: at(base, 30), minUsers: 2 });
  });

  it('does not count anonymous events as a user', async () => {
    await ingest(app.t, tenant, [use('ds_solo', 'fp_solo', 0), use(undefined, 'fp_solo', 1), use(undefined, 'fp_solo', 2)]);
    expect(await signals('ds_solo')).toEqual([]);
  });

  it('flags users in one batch and dates the sharing by event time, whatever the arrival order', async () => {
    await ingest(app.t, tenant, [use('ds_late', 'fp_ooo', 50)]);
    await ingest(app.t, tenant, [use('ds_early', 'fp_ooo', 10), use('ds_early', 'fp_ooo', 70)]);
    for (const user of ['ds_late', 'ds_early']) expect(await signals(user)).toEqual(['device_shared']);
    const [early] = await shared('ds_early');
    expect(early.evidence).toMatchObject({ sharedSince: at(base, 50), users: ['ds_early', 'ds_late'] });
    expect(early.occurredAt).toBe(at(base, 70));
  });

  it('keeps one incident per user and fingerprint as events keep coming', async () => {
    await ingest(app.t, tenant, [use('ds_a', 'fp_family', 40), use('ds_b', 'fp_family', 41), use('ds_c', 'fp_family', 42)]);
    expect(await shared('ds_a')).toHaveLength(1);
    expect(await signals('ds_c')).toEqual(['device_shared']);
  });

  it('uses the tenant’s minUsers', async () => {
    await app.setSignals({ deviceShared: { minUsers: 3 } });
    await ingest(app.t, tenant, [use('ds3_a', 'fp_three', 0), use('ds3_b', 'fp_three', 1)]);
    expect(await signals('ds3_a')).toEqual([]);
    await ingest(app.t, tenant, [use('ds3_c', 'fp_three', 2)]);
    for (const user of ['ds3_a', 'ds3_b', 'ds3_c']) expect(await signals(user)).toEqual(['device_shared']);
    await app.setSignals({ deviceShared: { minUsers: 2 } });
  });

  it('counts toward risk only within the last 30 days', async () => {
    const old = recentBase() - 45 * 86_400_000;
    await ingest(app.t, tenant, [
      event({ userId: 'ds_old_a', fingerprint: 'fp_old', timestamp: at(old, 0) }),
      event({ userId: 'ds_old_b', fingerprint: 'fp_old', timestamp: at(old, 1) }),
    ]);
    const user = await userDetail(app.t, app.session.as('viewer'), 'ds_old_a');
    expect(user.signals).toEqual([]);
    expect(user.incidents.map((incident) => incident.signal)).toEqual(['device_shared']);
    expect([user.riskScore, user.riskLevel]).toEqual([0, 'low']);
  });

  it('gives the user 25 risk points (medium)', async () => {
    const user = await userDetail(app.t, app.session.as('viewer'), 'ds_b');
    expect([user.riskScore, user.riskLevel]).toEqual([25, 'medium']);
  });
});
