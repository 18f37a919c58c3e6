// Enabled once machine tokens (X-API-Key, POST /v1/tokens) are merged: rename to token-access.e2e-spec.ts.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTenantSession, type TenantSession } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { at, daysAgo, ingestAll } from './support.js';

const ROUTES = [
  '/v1/fraud/stats',
  '/v1/identity-graph',
  '/v1/attribution/stats?groupBy=campaign',
  '/v1/account-sharing',
  '/v1/analytics/timeseries?metric=events',
];

describe('analytics with machine tokens', () => {
  let t: TestApp;
  let session: TenantSession;
  let other: TenantSession;
  const T = daysAgo(1);
  const key = (token: string, extra: Record<string, string> = {}) => ({ 'X-API-Key': token, ...extra });
  const mint = async (body: { kind: 'secret' | 'publishable'; scopes: string[] }, on: TenantSession = session): Promise<string> => {
    const res = await t.http
      .post('/v1/tokens')
      .set(on.as('admin'))
      .send({ name: 'analytics test', ...body });
    expect([res.status, typeof res.body.token]).toEqual([201, 'string']);
    return res.body.token as string;
  };

  beforeAll(async () => {
    t = await startTestApp();
    session = await createTenantSession(t, 'tokens_analytics');
    other = await createTenantSession(t, 'tokens_analytics_other');
    await ingestAll(t, session.tenantId, [
      { userId: 'alice', fingerprint: 'fp1', campaign: { source: 'google', medium: 'cpc', name: 'spring' }, timestamp: at(T, 0) },
      { userId: 'bob', fingerprint: 'fp1', eventType: 'signup', timestamp: at(T, 1) },
    ]);
    await ingestAll(t, other.tenantId, [{ userId: 'zed', fingerprint: 'fp9', timestamp: at(T, 0) }]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers a secret token with analytics:read, with its own tenant figures', async () => {
    const token = await mint({ kind: 'secret', scopes: ['analytics:read'] });
    const viewer = await Promise.all(ROUTES.map((route) => t.http.get(route).set(session.as('viewer'))));
    for (const [index, route] of ROUTES.entries()) {
      const res = await t.http.get(route).set(key(token)).expect(200);
      expect(res.body).toEqual(viewer[index].body);
    }
    const stats = await t.http.get('/v1/fraud/stats').set(key(token)).expect(200);
    expect(stats.body.riskLevels).toEqual({ low: 0, medium: 2, high: 0, critical: 0 });
    // allTenants means nothing for a token: it stays on its tenant.
    const pinned = await t.http.get('/v1/fraud/stats?allTenants=true').set(key(token)).expect(200);
    expect(pinned.body).toEqual(stats.body);
  });

  it('refuses events-only and publishable tokens, and a token on another tenant', async () => {
    const eventsOnly = await mint({ kind: 'secret', scopes: ['events:write', 'events:read'] });
    const publishable = await mint({ kind: 'publishable', scopes: ['events:write'] });
    const analytics = await mint({ kind: 'secret', scopes: ['analytics:read'] });
    for (const route of ROUTES) {
      const refused = await t.http.get(route).set(key(eventsOnly));
      expect([route, refused.status, refused.body.message]).toEqual([route, 403, 'Requires scope analytics:read']);
      const sdk = await t.http.get(route).set(key(publishable));
      expect([route, sdk.status]).toEqual([route, 403]);
      const foreign = await t.http.get(route).set(key(analytics, { 'X-Organization-Id': other.tenantId }));
      expect([route, foreign.status, foreign.body.message]).toEqual([route, 403, 'Token is not valid for this tenant']);
    }
  });
});
