import { describe, expect, it } from '@jest/globals';
import { at, event, ingest, onEquator, recentBase, userDetail } from '../support/events.js';
import { useTenantApp } from '../support/tenant-app.js';

describe('account_sharing', () => {
  const tenant = 'sig_sharing';
  const app = useTenantApp(tenant);
  const base = recentBase();
  const signals = app.signals;
  const sharing = (userId: string) => app.incidents(userId, 'account_sharing');
  /** An event without geo, so only the fingerprints-per-window rule can apply; each user has devices of its own. */
  const on = (userId: string, fingerprint: string, minutes: number) => event({ userId, fingerprint: `${userId}_${fingerprint}`, timestamp: at(base, minutes) });

  describe('fingerprints within 24 hours', () => {
    it('flags 3 fingerprints and not 2', async () => {
      await ingest(app.t, tenant, [on('as_two', 'fp_1', 0), on('as_two', 'fp_2', 60), on('as_two', 'fp_1', 120)]);
      expect(await signals('as_two')).toEqual([]);
      await ingest(app.t, tenant, [on('as_three', 'fp_1', 0), on('as_three', 'fp_2', 60), on('as_three', 'fp_3', 120)]);
      expect(await signals('as_three')).toEqual(['account_sharing']);
      const [incident] = await sharing('as_three');
      expect(incident.evidence).toMatchObject({
        kind: 'fingerprints_in_window',
        fingerprints: ['as_three_fp_1', 'as_three_fp_2', 'as_three_fp_3'],
        fingerprintCount: 3,
        windowStart: at(base, 0),
        windowEnd: at(base, 24 * 60),
      });
    });

    it('treats the window as half-open: a third fingerprint 24 h after the first is outside', async () => {
      await ingest(app.t, tenant, [on('as_edge_out', 'fp_1', 0), on('as_edge_out', 'fp_2', 60), on('as_edge_out', 'fp_3', 24 * 60)]);
      expect(await signals('as_edge_out')).toEqual([]);
      await ingest(app.t, tenant, [on('as_edge_in', 'fp_1', 0), on('as_edge_in', 'fp_2', 60), on('as_edge_in', 'fp_3', 24 * 60 - 1 / 60_000)]);
      expect(await signals('as_edge_in')).toEqual(['account_sharing']);
    });

    it('counts a fingerprint the window reaches through repeated use', async () => {
      // fp_1 at 0 h and again at 20 h: a window starting at 20 h holds fp_1, fp_2 (30 h) and fp_3 (40 h).
      await ingest(app.t, tenant, [on('as_runs', 'fp_1', 0), on('as_runs', 'fp_1', 20 * 60), on('as_runs', 'fp_2', 30 * 60), on('as_runs', 'fp_3', 40 * 60)]);
      const [incident] = await sharing('as_runs');
      expect(incident.evidence).toMatchObject({ windowStart: at(base, 20 * 60), fingerprints: ['as_runs_fp_1', 'as_runs_fp_2', 'as_runs_fp_3'] });
    });

    it('finds the window whatever order the events arrive in', async () => {
      await ingest(app.t, tenant, [on('as_ooo', 'fp_3', 600)]);
      await ingest(app.t, tenant, [on('as_ooo', 'fp_1', 0)]);
      expect(await signals('as_ooo')).toEqual([]);
      await ingest(app.t, tenant, [on('as_ooo', 'fp_2', 300)]);
      expect(await signals('as_ooo')).toEqual(['account_sharing']);
    });

    it('uses the tenant’s minFingerprints and window', async () => {
      await app.setSignals({ accountSharing: { minFingerprints: 2, windowHours: 1 } });
      await ingest(app.t, tenant, [on('as_custom', 'fp_1', 0), on('as_custom', 'fp_2', 59)]);
      await ingest(app.t, tenant, [on('as_custom_far', 'fp_1', 0), on('as_custom_far', 'fp_2', 61)]);
      await app.setSignals({ accountSharing: { minFingerprints: 3, windowHours: 24 } });
      expect(await signals('as_custom')).toEqual(['account_sharing']);
      expect(await signals('as_custom_far')).toEqual([]);
    });
  });

  describe('overlapping sessions far apart', () => {
    /**
     * Two fingerprints' sessions of `userId`: A from 0 to 20 min at (0, 0), B from `bStart` for 20 min `km`
     * away (under the 100 km of impossible travel, so only account sharing can apply).
     */
    const sessions = (userId: string, km: number, bStart: number, sessionIds = true) => [
      ...[0, 10, 20].map((minute) =>
        event({ userId, fingerprint: `${userId}_fp_a`, geo: onEquator(0), timestamp: at(base, minute), ...(sessionIds ? { sessionId: `${userId}_a` } : {}) }),
      ),
      ...[0, 10, 20].map((minute) =>
        event({
          userId,
          fingerprint: `${userId}_fp_b`,
          geo: onEquator(km),
          timestamp: at(base, bStart + minute),
          ...(sessionIds ? { sessionId: `${userId}_b` } : {}),
        }),
      ),
    ];

    it('flags sessions 51 km apart and not 49 km', async () => {
      await ingest(app.t, tenant, sessions('as_51km', 51, 10));
      await ingest(app.t, tenant, sessions('as_49km', 49, 10));
      expect(await signals('as_51km')).toEqual(['account_sharing']);
      expect(await signals('as_49km')).toEqual([]);
      const [incident] = await sharing('as_51km');
      expect(incident.evidence).toMatchObject({ kind: 'overlapping_sessions', fingerprints: ['as_51km_fp_a', 'as_51km_fp_b'], km: 51 });
    });

    it('needs the sessions to overlap in time', async () => {
      await ingest(app.t, tenant, sessions('as_apart', 90, 21));
      expect(await signals('as_apart')).toEqual([]);
    });

    it('builds sessions from runs of events (gaps under 30 minutes) when there is no sessionId', async () => {
      await ingest(app.t, tenant, sessions('as_runs_overlap', 80, 15, false));
      expect(await signals('as_runs_overlap')).toEqual(['account_sharing']);
      // B starts 35 minutes after A's last event: separate runs, no overlap.
      await ingest(app.t, tenant, sessions('as_runs_apart', 80, 55, false));
      expect(await signals('as_runs_apart')).toEqual([]);
    });

    it('finds the overlap when the second session arrives later', async () => {
      const both = sessions('as_overlap_late', 95, 5);
      const [a, b] = [both.slice(0, 3), both.slice(3)];
      await ingest(app.t, tenant, b);
      await ingest(app.t, tenant, a);
      expect(await signals('as_overlap_late')).toEqual(['account_sharing']);
    });
  });

  it('gives the user 20 risk points (low)', async () => {
    const user = await userDetail(app.t, app.session.as('viewer'), 'as_three');
    expect([user.riskScore, user.riskLevel]).toEqual([20, 'low']);
  });
});
