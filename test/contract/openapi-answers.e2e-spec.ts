import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { OpenAPIObject } from '@nestjs/swagger';
import { at, event, ingest, onEquator, recentBase } from '../support/events.js';
import { conformanceProblems, responseSchema } from '../support/openapi-conformance.js';
import { createTenantSession, type TenantSession } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createToken } from '../support/tokens.js';

/**
 * The documented schemas tell the truth: every GET route is called on a tenant with data behind every
 * figure (signals of each kind, campaigns, conversions), and each answer must match the schema the document
 * gives for its status, with no field the schema does not declare.
 */
let t: TestApp;
let session: TenantSession;
let document: OpenAPIObject;
const tenant = 'answers';
const called = new Set<string>();
const bodies = new Map<string, Record<string, unknown>>();

beforeAll(async () => {
  t = await startTestApp();
  session = await createTenantSession(t, tenant);
  document = (await t.http.get('/docs-json')).body as OpenAPIObject;
  const base = recentBase();
  const campaign = { source: 'newsletter', medium: 'email', name: 'spring' };
  await ingest(t, tenant, [
    // Travel too fast (impossible_travel), a shared device (device_shared), three devices in a day (account_sharing).
    event({ userId: 'ana', fingerprint: 'fp_ana', domainprint: 'dp_ana', timestamp: at(base, 0), geo: { ...onEquator(0), country: 'EC' }, campaign }),
    event({ userId: 'ana', fingerprint: 'fp_ana', domainprint: 'dp_ana', timestamp: at(base, 10), geo: onEquator(2000), eventType: 'signup' }),
    event({ userId: 'ana', fingerprint: 'fp_ana_2', timestamp: at(base, 20), eventType: 'purchase', domain: 'pay.example.com' }),
    event({ userId: 'ana', fingerprint: 'fp_ana_3', timestamp: at(base, 30), url: 'https://shop.example.com/cart', sessionId: 's1' }),
    event({ userId: 'bob', fingerprint: 'fp_ana', domainprint: 'dp_ana', timestamp: at(base, 40), ip: '203.0.113.9', userAgent: 'Mozilla/5.0' }),
  ]);
  await createToken(t, session.as('admin'));
});

afterAll(async () => {
  await t.close();
});

/** Calls a route and returns the problems of its answer against the document (the route's template names the operation). */
async function check(template: string, url: string, headers: Record<string, string>, expectedStatus = 200): Promise<string[]> {
  const res = await t.http.get(url).set(headers);
  called.add(template);
  bodies.set(url, res.body as Record<string, unknown>);
  if (res.status !== expectedStatus) return [`GET ${url}: answered ${res.status} ${JSON.stringify(res.body)}`];
  const schema = responseSchema(document, 'GET', template, res.status);
  if (!schema) return [`GET ${url}: no schema documented for ${res.status}`];
  return conformanceProblems(document, schema, res.body).map((problem) => `GET ${url}: ${problem}`);
}

describe('answers match the documented schemas', () => {
  it('for every GET route, in a tenant and across tenants', async () => {
    const owner = session.as('owner');
    const superadmin = { Authorization: `Bearer ${await t.issuer.sign('user_superadmin', { expiresIn: 3600 })}` };
    const incident = (await t.http.get('/v1/incidents').set(owner)).body.data[0] as { id: string };
    const checkpoint = ((await t.http.get('/v1/audit/checkpoint').set(owner)).body as { checkpoint: string }).checkpoint;
    await t.http.put('/v1/tenant/idp').set(owner).send({ issuer: 'https://idp.answers.example', jwksUrl: t.issuer.jwksUrl }).expect(200);
    const webhook = (
      await t.http
        .post('/v1/webhooks')
        .set(owner)
        .send({ url: 'http://127.0.0.1:9/answers', events: ['*'] })
        .expect(201)
    ).body as { id: string };
    await t.http.post(`/v1/webhooks/${webhook.id}/test`).set(owner).expect(202);
    const job = (await t.http.post('/v1/tenant/retention/run').set(owner).expect(202)).body as { jobId: string };
    const calls: Array<[template: string, url: string, headers: Record<string, string>]> = [
      ['/health', '/health', {}],
      ['/health/live', '/health/live', {}],
      ['/.well-known/jwks.json', '/.well-known/jwks.json', {}],
      ['/v1/platform/tenants', '/v1/platform/tenants', { Authorization: owner.Authorization }],
      ['/v1/platform/tenants', '/v1/platform/tenants?limit=1', superadmin],
      ['/v1/tenant', '/v1/tenant', owner],
      ['/v1/tenant/idp', '/v1/tenant/idp', owner],
      ['/v1/members', '/v1/members', owner],
      ['/v1/tokens', '/v1/tokens', owner],
      ['/v1/audit', '/v1/audit', owner],
      ['/v1/audit/checkpoint', '/v1/audit/checkpoint', owner],
      ['/v1/audit/verify', `/v1/audit/verify?checkpoint=${checkpoint}`, owner],
      ['/v1/events', '/v1/events', owner],
      ['/v1/events', '/v1/events?allTenants=true', superadmin],
      ['/v1/events/pipeline', '/v1/events/pipeline', owner],
      ['/v1/users', '/v1/users?sort=riskScore', owner],
      ['/v1/users', '/v1/users?allTenants=true', superadmin],
      ['/v1/users/{userId}', '/v1/users/ana', owner],
      ['/v1/fingerprints', '/v1/fingerprints', owner],
      ['/v1/fingerprints', '/v1/fingerprints?allTenants=true', superadmin],
      ['/v1/fingerprints/{fingerprint}', '/v1/fingerprints/fp_ana', owner],
      ['/v1/domainprints', '/v1/domainprints', owner],
      ['/v1/domainprints', '/v1/domainprints?allTenants=true', superadmin],
      ['/v1/domainprints/{domainprint}', '/v1/domainprints/dp_ana', owner],
      ['/v1/fraud/stats', '/v1/fraud/stats', owner],
      ['/v1/fraud/stats', '/v1/fraud/stats?allTenants=true', superadmin],
      ['/v1/identity-graph', '/v1/identity-graph?userId=ana', owner],
      ['/v1/identity-graph', '/v1/identity-graph', owner],
      ['/v1/identity-graph', '/v1/identity-graph?userId=ana&allTenants=true', superadmin],
      ['/v1/identity-graph', '/v1/identity-graph?allTenants=true', superadmin],
      ['/v1/attribution/stats', '/v1/attribution/stats?groupBy=campaign', owner],
      ['/v1/attribution/stats', '/v1/attribution/stats?allTenants=true', superadmin],
      ['/v1/account-sharing', '/v1/account-sharing', owner],
      ['/v1/account-sharing', '/v1/account-sharing?allTenants=true', superadmin],
      ['/v1/incidents', '/v1/incidents', owner],
      ['/v1/incidents/{id}', `/v1/incidents/${incident.id}`, owner],
      ['/v1/analytics/timeseries', '/v1/analytics/timeseries?metric=risky_users&interval=hour', owner],
      ['/v1/analytics/timeseries', '/v1/analytics/timeseries?metric=events&allTenants=true', superadmin],
      ['/v1/webhooks', '/v1/webhooks', owner],
      ['/v1/webhooks/{id}', `/v1/webhooks/${webhook.id}`, owner],
      ['/v1/webhooks/{id}/deliveries', `/v1/webhooks/${webhook.id}/deliveries`, owner],
      ['/v1/jobs/{id}', `/v1/jobs/${job.jobId}`, owner],
    ];
    const problems: string[] = [];
    for (const [template, url, headers] of calls) problems.push(...(await check(template, url, headers)));
    // Each line of an export is a list item as documented.
    for (const template of ['/v1/events/export', '/v1/users/export', '/v1/audit/export']) {
      const res = await t.http
        .get(template)
        .set(owner)
        .buffer(true)
        .parse((answer, done) => {
          let text = '';
          answer.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          answer.on('end', () => done(null, text));
        });
      called.add(template);
      const lines = (res.body as string).split('\n').filter(Boolean);
      if (res.status !== 200 || lines.length === 0) problems.push(`GET ${template}: answered ${res.status} with ${lines.length} lines`);
      const schema = responseSchema(document, 'GET', template, 200, 'application/x-ndjson')!;
      for (const line of lines) problems.push(...conformanceProblems(document, schema, JSON.parse(line)).map((problem) => `GET ${template}: ${problem}`));
    }
    // An error answer has the shared error body.
    problems.push(...(await check('/v1/users/{userId}', '/v1/users/nobody', owner, 404)));
    expect(problems).toEqual([]);
    // The answers carried the parts that could be wrong: lists with items, signals of every kind.
    const listed = (url: string) => (bodies.get(url)!.data as unknown[]).length;
    for (const url of [
      '/v1/webhooks',
      `/v1/webhooks/${webhook.id}/deliveries`,
      '/v1/users?sort=riskScore',
      '/v1/account-sharing',
      '/v1/identity-graph',
      '/v1/attribution/stats?groupBy=campaign',
      '/v1/incidents',
    ]) {
      expect([url, listed(url)]).toEqual([url, expect.any(Number)]);
      expect(listed(url)).toBeGreaterThan(0);
    }
    expect(bodies.get('/v1/fraud/stats')).toMatchObject({ impossibleTravel: [expect.anything()], topRiskyUsers: expect.arrayContaining([expect.anything()]) });
    expect(bodies.get('/v1/fraud/stats')!.signals).toMatchObject({ impossible_travel: 1, device_shared: 2, account_sharing: 1 });
    const series = bodies.get('/v1/analytics/timeseries?metric=risky_users&interval=hour')!.data as Array<{ value: number }>;
    expect(series.some((point) => point.value > 0)).toBe(true);

    const documentedGets = Object.entries(document.paths)
      .filter(([, item]) => 'get' in (item as object))
      .map(([path]) => path);
    expect(documentedGets.filter((path) => !called.has(path))).toEqual([]);
  });

  it('reports an undeclared field, a missing one and a wrong type', () => {
    const schema = responseSchema(document, 'GET', '/v1/users/{userId}', 404)!;
    expect(conformanceProblems(document, schema, { statusCode: '404', error: 'Not Found', code: 'not_found', message: 'x', extra: 1 })).toEqual([
      '$.requestId: required, missing',
      '$.statusCode: "404" is not an integer',
      '$.extra: not in the schema',
    ]);
  });
});
