import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { OpenAPIObject } from '@nestjs/swagger';
import { SECRET_TOKEN_PLACEHOLDER } from '../../apps/api/src/tokens/dto/machine.dto.js';
import { ingest } from '../support/events.js';
import { conformanceProblems, responseSchema } from '../support/openapi-conformance.js';
import { adminKeyHeaders, createTenantSession, type TenantSession } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { internalHeaders } from '../support/tokens.js';

type Operation = {
  operationId: string;
  parameters?: Array<{ name: string; in: string; schema?: { example?: string } }>;
  requestBody?: { content: { 'application/json': { example?: unknown; examples?: Record<string, { value: unknown }> } } };
};
type Example = { method: string; path: string; operation: Operation; body: unknown };

/**
 * Every request body example, sent as "Try it out" in Swagger UI sends it, in an order where each finds
 * what it needs (a token to rotate, a user to update). Ids in the path are those of real resources, as a
 * user would paste them; a secret placeholder in a body becomes a real secret. Everything else is sent as
 * documented.
 */
const ORDER = [
  'createTenant',
  'updateTenant',
  'putMember',
  'createToken',
  'rotateToken',
  'createServiceToken',
  'validateToken',
  'ingestEvent',
  'ingestEventBatch',
  'updateUser',
  'updateIncident',
  'createWebhook',
  'updateWebhook',
  'rotateWebhookSecret',
  // Last: the claim strategy takes non-owner roles from tokens, which the test's sessions do not carry.
  'putTenantIdp',
  'putTenantRoleStrategy',
];

let t: TestApp;
let session: TenantSession;
let document: OpenAPIObject;
let examples: Map<string, Example>;

beforeAll(async () => {
  t = await startTestApp();
  session = await createTenantSession(t, 'examples');
  document = (await t.http.get('/docs-json')).body as OpenAPIObject;
  examples = new Map();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item as Record<string, Operation>)) {
      const content = operation.requestBody?.content['application/json'];
      if (!content) continue;
      const body = content.example ?? Object.values(content.examples ?? {})[0]?.value;
      examples.set(operation.operationId, { method, path, operation, body });
    }
  }
});

afterAll(async () => {
  await t.close();
});

function send(example: Example, headers: Record<string, string>, pathIds: Record<string, string> = {}, secret?: string) {
  const path = example.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = pathIds[name] ?? example.operation.parameters?.find((parameter) => parameter.name === name)?.schema?.example;
    if (value === undefined) throw new Error(`${example.operation.operationId}: no value for path parameter ${name}`);
    return encodeURIComponent(value);
  });
  const body = JSON.parse(JSON.stringify(example.body).replaceAll(SECRET_TOKEN_PLACEHOLDER, secret ?? SECRET_TOKEN_PLACEHOLDER)) as object;
  const method = example.method as 'post' | 'put' | 'patch';
  return t.http[method](path).set(headers).send(body);
}

describe('request body examples of the OpenAPI document', () => {
  it('exist for exactly the operations this test executes', () => {
    expect([...examples.keys()].sort()).toEqual([...ORDER].sort());
  });

  it('succeed when sent as they are', async () => {
    const owner = session.as('owner');
    const answers: Record<string, { status: number; body: Record<string, unknown> }> = {};
    const run = async (operationId: string, headers: Record<string, string>, pathIds?: Record<string, string>, secret?: string) => {
      const res = await send(examples.get(operationId)!, headers, pathIds, secret);
      answers[operationId] = { status: res.status, body: res.body as Record<string, unknown> };
      return res.body as Record<string, unknown>;
    };

    await run('createTenant', adminKeyHeaders());
    await run('updateTenant', owner);
    await run('putMember', owner);
    const created = await run('createToken', owner);
    const rotated = await run('rotateToken', owner, { id: String(created.id) });
    const secret = String(rotated.token);
    await run('createServiceToken', {}, {}, secret);
    await run('validateToken', internalHeaders(), {}, secret);
    await run('ingestEvent', { ...owner, Prefer: 'wait=30' });
    await run('ingestEventBatch', owner);
    await run('updateUser', owner);
    // A second user on the example's device gives the tenant an incident to triage.
    const device = (examples.get('ingestEvent')!.body as { fingerprint: string }).fingerprint;
    await ingest(t, session.tenantId, [{ fingerprint: device, userId: 'user_43', domain: 'shop.example.com' }]);
    const incidents = await t.http.get('/v1/incidents').set(session.as('viewer'));
    expect(incidents.body.data.length).toBeGreaterThan(0);
    await run('updateIncident', owner, { id: incidents.body.data[0].id });
    const webhook = await run('createWebhook', owner);
    await run('updateWebhook', owner, { id: String(webhook.id) });
    await run('rotateWebhookSecret', owner, { id: String(webhook.id) });
    // The example's JWKS is a development instance's own; here, the local issuer's.
    examples.get('putTenantIdp')!.body = { ...(examples.get('putTenantIdp')!.body as object), jwksUrl: t.issuer.jwksUrl };
    await run('putTenantIdp', owner);
    await run('putTenantRoleStrategy', owner);

    const failed = Object.entries(answers).filter(([, answer]) => answer.status < 200 || answer.status > 299);
    expect(failed).toEqual([]);
    expect(Object.keys(answers).sort()).toEqual([...ORDER].sort());
    expect(answers.validateToken.body).toEqual(expect.objectContaining({ valid: true }));
    // And each answer is what the document says it is.
    const undocumented = Object.entries(answers).flatMap(([operationId, answer]) => {
      const { method, path } = examples.get(operationId)!;
      if (answer.status === 204) return [];
      const schema = responseSchema(document, method, path, answer.status);
      if (!schema) return [`${operationId}: no schema for ${answer.status}`];
      return conformanceProblems(document, schema, answer.body).map((problem) => `${operationId}: ${problem}`);
    });
    expect(undocumented).toEqual([]);
  });
});
