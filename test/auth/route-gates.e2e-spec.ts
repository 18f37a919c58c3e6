import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { declaredRoutes, describeGate, type DeclaredRoute } from '../support/routes.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Mutations that SPEC excludes from the audit trail (ingestion and the machine hot paths). */
const UNAUDITED_MUTATIONS = new Set(['POST /v1/events', 'POST /v1/events/batch', 'POST /internal/validate', 'POST /v1/auth/token']);

describe('declared gates of every route', () => {
  let t: TestApp;
  let routes: DeclaredRoute[];

  beforeAll(async () => {
    t = await startTestApp();
    routes = declaredRoutes(t.app);
  });
  afterAll(async () => {
    await t.close();
  });

  it('matches the reviewed list (a permission change shows up here as a diff)', () => {
    expect(routes.map(describeGate)).toMatchSnapshot();
  });

  it('declares an access policy on every route', () => {
    expect(routes.filter((route) => !route.policy).map(describeGate)).toEqual([]);
  });

  it('names the audit operation of every mutating route', () => {
    const missing = routes
      .filter((route) => route.method !== 'GET' && !route.auditOperation && !UNAUDITED_MUTATIONS.has(`${route.method} ${route.path}`))
      .map(describeGate);
    expect(missing).toEqual([]);
  });

  it('refuses every non-public route to an anonymous caller', async () => {
    for (const route of routes.filter((candidate) => candidate.policy?.kind !== 'public')) {
      const path = route.path.replace(/:[A-Za-z]+/g, 'x');
      const res = await t.http[route.method.toLowerCase() as 'get'](path).set('X-Organization-Id', 'anything').send({});
      const expected = route.policy?.kind === 'internal' ? [403] : route.policy?.kind === 'api-key-exchange' ? [400, 401] : [401];
      expect([`${route.method} ${route.path}`, expected.includes(res.status)]).toEqual([`${route.method} ${route.path}`, true]);
    }
  });
});
