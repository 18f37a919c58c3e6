import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { OpenAPIObject } from '@nestjs/swagger';
import { readFile } from 'node:fs/promises';
import { clientFilePath, REGENERATE_HINT, renderClientFiles } from '../../apps/api/src/openapi/client-files.js';
import { createOpenApiDocument } from '../../apps/api/src/openapi/openapi-document.js';
import { ERROR_CODES } from '../../libs/http/src/index.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Schema = { $ref?: string; type?: string; oneOf?: Schema[]; allOf?: Schema[]; properties?: Record<string, unknown>; enum?: unknown[] };
type Operation = {
  operationId?: string;
  tags?: string[];
  parameters?: Array<{ name: string; in: string; schema?: Schema }>;
  requestBody?: { content?: Record<string, { schema?: Schema; example?: unknown; examples?: Record<string, { value?: unknown }> }> };
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
};

const ERROR_BODY_REF = '#/components/schemas/ErrorBody';
/** The two answers that keep their own documented shape instead of the error body. */
const OWN_ERROR_SHAPES: Record<string, string> = {
  'GET /health 503': '#/components/schemas/HealthStatusDto',
  'POST /internal/validate 401': '#/components/schemas/InvalidTokenDto',
};
/** Routes that cannot fail in a way a client sees. */
const NO_ERRORS = new Set(['GET /health/live']);

let t: TestApp;
let live: OpenAPIObject;

beforeAll(async () => {
  t = await startTestApp();
  const res = await t.http.get('/docs-json');
  expect(res.status).toBe(200);
  live = res.body as OpenAPIObject;
});

afterAll(async () => {
  await t.close();
});

function operations(document: OpenAPIObject): Array<[string, Operation]> {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Operation>).map(([method, operation]): [string, Operation] => [`${method.toUpperCase()} ${path}`, operation]),
  );
}

/** What is wrong with one operation, as readable lines (empty when nothing is). */
function problemsOf(document: OpenAPIObject, route: string, operation: Operation): string[] {
  const problems: string[] = [];
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  const typed = (schema: Schema | undefined): boolean => {
    if (!schema) return false;
    const choices = schema.oneOf ?? schema.allOf;
    if (choices) return choices.length > 0 && choices.every(typed);
    if (schema.$ref) return typed(schemas[schema.$ref.replace('#/components/schemas/', '')]);
    return schema.type !== undefined && (schema.type !== 'object' || Object.keys(schema.properties ?? {}).length > 0);
  };
  if (!/^[a-z][A-Za-z]+$/.test(operation.operationId ?? '')) problems.push(`operationId ${operation.operationId} is not a method name`);
  if (operation.tags?.length !== 1) problems.push(`has tags ${JSON.stringify(operation.tags)}, not one`);
  const statuses = Object.keys(operation.responses);
  const successes = statuses.filter((status) => status.startsWith('2'));
  if (successes.length === 0) problems.push('declares no 2xx');
  for (const status of successes) {
    if (status === '204') continue;
    // An export's lines (NDJSON) are typed by the list item's schema.
    const content = operation.responses[status].content;
    if (!typed((content?.['application/json'] ?? content?.['application/x-ndjson'])?.schema)) problems.push(`${status} has no typed body`);
  }
  const errors = statuses.filter((status) => Number(status) >= 400);
  if (errors.length === 0 && !NO_ERRORS.has(route)) problems.push('declares no error status');
  for (const status of errors) {
    const ref = operation.responses[status].content?.['application/json']?.schema?.$ref;
    const expected = OWN_ERROR_SHAPES[`${route} ${status}`] ?? ERROR_BODY_REF;
    if (ref !== expected) problems.push(`${status} refers to ${ref}, not ${expected}`);
  }
  const body = operation.requestBody?.content?.['application/json'];
  if (operation.requestBody && body?.example === undefined && Object.values(body?.examples ?? {}).every((example) => example.value === undefined)) {
    problems.push('request body has no example');
  }
  return problems.map((problem) => `${route}: ${problem}`);
}

describe('the OpenAPI document', () => {
  it('gives every operation a method-like operationId, one declared tag, a typed 2xx, its error statuses with the shared body, and body examples', () => {
    const all = operations(live);
    expect(all.length).toBeGreaterThanOrEqual(37);
    expect(all.flatMap(([route, operation]) => problemsOf(live, route, operation))).toEqual([]);
    const ids = all.map(([, operation]) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const declaredTags = new Set((live.tags ?? []).map((tag) => tag.name));
    expect(all.filter(([, operation]) => !declaredTags.has(operation.tags![0])).map(([route]) => route)).toEqual([]);
  });

  it('finds the problems it is meant to find', () => {
    const broken: Operation = { operationId: 'UsersController_list', responses: { '200': {}, '400': { content: { 'application/json': { schema: {} } } } } };
    expect(problemsOf(live, 'GET /x', broken)).toEqual([
      'GET /x: operationId UsersController_list is not a method name',
      'GET /x: has tags undefined, not one',
      'GET /x: 200 has no typed body',
      'GET /x: 400 refers to undefined, not #/components/schemas/ErrorBody',
    ]);
  });

  it('lists the whole error catalogue as the code enum of the shared error body', () => {
    const schemas = live.components!.schemas as Record<string, Schema & { properties: Record<string, Schema> }>;
    const code = schemas.ErrorBody.properties.code;
    const ref = code.$ref ?? code.allOf?.[0]?.$ref;
    const values = ref ? schemas[ref.replace('#/components/schemas/', '')].enum : code.enum;
    expect(values).toEqual(Object.keys(ERROR_CODES));
    for (const name of Object.keys(ERROR_CODES)) expect(live.info.description).toContain(`\`${name}\``);
  });

  it('types limits as integers and flags as booleans, and names its servers', () => {
    const parameters = operations(live).flatMap(([route, operation]) => (operation.parameters ?? []).map((parameter) => ({ route, ...parameter })));
    const typeOf = (name: string) => [...new Set(parameters.filter((parameter) => parameter.name === name).map((parameter) => parameter.schema?.type))];
    expect(typeOf('limit')).toEqual(['integer']);
    expect(typeOf('depth')).toEqual(['integer']);
    for (const flag of ['allTenants', 'collisionsOnly', 'crossDomainOnly']) expect(typeOf(flag)).toEqual(['boolean']);
    expect(live.servers?.length).toBeGreaterThan(0);
  });
});

describe('the committed client', () => {
  it(`matches what the running app serves (else run \`${REGENERATE_HINT}\` and commit the result)`, async () => {
    const expected = await renderClientFiles(live);
    for (const [name, content] of Object.entries(expected)) {
      const committed = await readFile(clientFilePath(process.cwd(), name), 'utf8').catch(() => '');
      if (committed !== content)
        throw new Error(`${clientFilePath('.', name)} differs from the running app's document: run \`${REGENERATE_HINT}\` and commit it`);
    }
  });

  it('is generated from the same document the app serves, built without a database', async () => {
    expect(await createOpenApiDocument()).toEqual(live);
  });
});
