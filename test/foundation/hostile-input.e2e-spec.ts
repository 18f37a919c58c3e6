import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Test } from 'supertest';
import { ERROR_CODES } from '../../libs/http/src/index.js';
import { HOSTILE_BODIES, HOSTILE_FIELD_VALUES, HOSTILE_URL_VALUES, inParallel, withField } from '../support/hostile-input.js';
import { declaredRoutes, type DeclaredRoute } from '../support/routes.js';
import { adminKeyHeaders, createTenantSession, type TenantSession } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { internalHeaders } from '../support/tokens.js';

/** A well-formed value for each path parameter, so that only the hostile part of a request is wrong. */
const PATH_VALUES: Record<string, string> = {
  userId: 'sweep_user',
  fingerprint: 'fp_sweep',
  domainprint: 'dp_sweep',
  id: 'tok_AAAAAAAAAAAAAAAAAAAAAA',
  deliveryId: 'msg_00000000000000000000000000000000',
};

/** An event with every field set: each is replaced in turn. */
const EVENT = {
  eventId: 'evt_sweep',
  fingerprint: 'fp_sweep',
  domainprint: 'dp_sweep',
  userId: 'sweep_user',
  domain: 'shop.example.com',
  url: 'https://shop.example.com/',
  eventType: 'login',
  ip: '203.0.113.7',
  userAgent: 'sweep',
  geo: { lat: 1, lon: 2, country: 'FR', city: 'Paris' },
  campaign: { source: 's', medium: 'm', name: 'n', term: 't', content: 'c' },
  sessionId: 'session_sweep',
  timestamp: new Date().toISOString(),
};

/** A body each mutating route accepts, into which one hostile field at a time is put. */
const VALID_BODIES: Record<string, Record<string, unknown>> = {
  'POST /internal/validate': { token: 'sk_sweep' },
  'POST /v1/auth/token': { apiKey: 'sk_sweep' },
  'POST /v1/events': EVENT,
  'POST /v1/events/batch': { events: [EVENT] },
  'PUT /v1/members/:userId': { role: 'viewer', email: 'sweep@example.com' },
  'POST /v1/platform/tenants': { name: 'Sweep', ownerUserId: 'sweep_owner', allowedOrigins: ['https://sweep.example.com'] },
  'PATCH /v1/tenant': { name: 'Sweep tenant', settings: { retentionDays: 30 } },
  // A JWKS URL nothing listens on: a body that passes validation costs one refused connection, never a 5xx.
  'PUT /v1/tenant/idp': {
    issuer: 'https://sweep.idp.example/',
    jwksUrl: 'http://127.0.0.1:9/jwks.json',
    audience: 'sweep',
    authorizedParties: ['https://sweep.example.com'],
    algorithms: ['RS256'],
  },
  'PUT /v1/tenant/role-strategy': { strategy: 'claim', roleClaim: 'o.rol', orgClaim: 'o.id', roleMap: { admin: 'admin' } },
  'POST /v1/tokens': { name: 'sweep', kind: 'secret', scopes: ['events:read'], expiresAt: '2099-01-01T00:00:00Z' },
  'POST /v1/tokens/:id/rotate': { graceSeconds: 0 },
  'PATCH /v1/users/:userId': { status: 'active', labels: ['a'], metadata: { a: { b: 1 } } },
  'PATCH /v1/incidents/:id': { status: 'resolved', note: 'Checked with the customer' },
  // A receiver nothing listens on: deliveries to it fail fast, never a 5xx.
  'POST /v1/webhooks': { url: 'http://127.0.0.1:9/sweep', events: ['webhook.test'], description: 'sweep', enabled: true },
  'PATCH /v1/webhooks/:id': { url: 'http://127.0.0.1:9/sweep', events: ['webhook.test'], description: 'sweep', enabled: false },
  'POST /v1/webhooks/:id/rotate-secret': { graceSeconds: 60 },
  // These take no body.
  'POST /v1/webhooks/:id/test': {},
  'POST /v1/webhooks/:id/deliveries/:deliveryId/retry': {},
  'POST /v1/tenant/retention/run': {},
};

/** Idempotency keys (header values Node's client accepts) on every route with a body: routes that take none ignore them. */
const HOSTILE_IDEMPOTENCY_KEYS = ['k'.repeat(256), 'k'.repeat(10_000), ' ', '\u00ff\u00fe', 'sweep-key'];

/** A batch's events go through the validator of POST /v1/events, whose fields are tried there: here only the envelope. */
const BATCH_EVENT_FIELD = /^POST \/v1\/events\/batch events\.0\./;

/** Every field of a body, as dotted paths down to the leaves (array items by index). */
function fieldsOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const entries = Object.entries(value);
  const own = prefix ? [prefix] : [];
  return [...own, ...entries.flatMap(([key, item]) => fieldsOf(item, prefix ? `${prefix}.${key}` : key))];
}

interface Probe {
  label: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  contentType?: string;
}

interface Answer {
  label: string;
  status: number;
  code: unknown;
  /** Whether the body has the error shape: `message` one string, `errors` (when present) a list of `{path, message}`. */
  shaped: boolean;
}

const isText = (value: unknown) => typeof value === 'string' && value.length > 0;
function errorShaped(body: { message?: unknown; errors?: unknown } | undefined): boolean {
  if (!isText(body?.message)) return false;
  if (body?.errors === undefined) return true;
  return (
    Array.isArray(body.errors) &&
    body.errors.length > 0 &&
    body.errors.every((item: { path?: unknown; message?: unknown }) => typeof item?.path === 'string' && isText(item.message))
  );
}

describe('hostile input never reaches a 5xx', () => {
  let t: TestApp;
  let session: TenantSession;
  let routes: DeclaredRoute[];
  let queryParams: Map<string, string[]>;

  beforeAll(async () => {
    t = await startTestApp();
    session = await createTenantSession(t, 'hostile');
    routes = declaredRoutes(t.app);
    const doc = (await t.http.get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }> }>>;
    };
    queryParams = new Map(
      routes.map((route) => {
        const operation = doc.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
        return [key(route), (operation?.parameters ?? []).filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name)];
      }),
    );
  });
  afterAll(async () => {
    await t.close();
  });

  const key = (route: DeclaredRoute) => `${route.method} ${route.path}`;
  const pathOf = (route: DeclaredRoute, replace: (name: string) => string = (name) => PATH_VALUES[name]) =>
    route.path.replace(/:(\w+)/g, (_, name: string) => replace(name));

  /**
   * The requests of one caller on `routes`: hostile path ids, whole bodies and, with `fields`, hostile query values and
   * body fields one at a time (otherwise every query parameter at once).
   */
  function probes(headers: Record<string, string>, only: (route: DeclaredRoute) => boolean, fields: boolean): Probe[] {
    const all: Probe[] = [];
    for (const route of routes.filter(only)) {
      const method = route.method.toLowerCase();
      const hasBody = ['post', 'put', 'patch'].includes(method);
      const validBody = VALID_BODIES[key(route)];
      const body = hasBody ? JSON.stringify(validBody) : undefined;
      const probe = (label: string, url: string, extra: Partial<Probe> = {}) =>
        all.push({ label: `${key(route)} ${label}`, method, url, headers, body, ...extra });
      const names = queryParams.get(key(route)) ?? [];
      for (const value of HOSTILE_URL_VALUES) {
        if (route.path.includes(':'))
          probe(
            `path=${value.slice(0, 40)}`,
            pathOf(route, () => value),
          );
        // A long value in every parameter at once would pass the 16 KB the HTTP server allows a request head.
        if (fields || value.length > 1000) for (const name of names) probe(`?${name}=${value.slice(0, 40)}`, `${pathOf(route)}?${name}=${value}`);
        else probe(`?all=${value.slice(0, 40)}`, `${pathOf(route)}?${names.map((name) => `${name}=${value}`).join('&')}`);
      }
      for (const name of names) probe(`?${name} twice`, `${pathOf(route)}?${name}=1&${name}=2`);
      probe('?unknown NUL key', `${pathOf(route)}?a%00b=1`);
      if (!hasBody) continue;
      for (const hostile of HOSTILE_BODIES) probe(`body ${hostile.name}`, pathOf(route), { body: hostile.text, contentType: hostile.contentType });
      for (const key of HOSTILE_IDEMPOTENCY_KEYS)
        probe(`Idempotency-Key ${key.slice(0, 20)}`, pathOf(route), { headers: { ...headers, 'Idempotency-Key': key } });
      if (!fields) continue;
      for (const field of fieldsOf(validBody).filter((path) => !BATCH_EVENT_FIELD.test(`${key(route)} ${path}`))) {
        for (const [index, value] of HOSTILE_FIELD_VALUES.entries())
          probe(`body ${field} #${index}`, pathOf(route), { body: withField(validBody, field, value) });
      }
    }
    return all;
  }

  async function send(probe: Probe): Promise<Answer> {
    const request = (t.http as unknown as Record<string, (url: string) => Test>)[probe.method](probe.url).set(probe.headers);
    if (probe.body !== undefined) request.set('Content-Type', probe.contentType ?? 'application/json').send(probe.body);
    const res = await request;
    const body = res.body as { code?: unknown; message?: unknown; errors?: unknown } | undefined;
    return { label: probe.label, status: res.status, code: body?.code, shaped: errorShaped(body) };
  }

  /** Answers that break the contract: any 5xx, and any 4xx without a catalogued code or the error shape. */
  const broken = (answers: Answer[]) =>
    answers
      .filter((answer) => answer.status >= 500 || (answer.status >= 400 && !(typeof answer.code === 'string' && answer.code in ERROR_CODES && answer.shaped)))
      .filter((answer) => !(answer.label.startsWith('POST /internal/validate') && answer.status === 401))
      .map((answer) => `${answer.label} -> ${answer.status} ${String(answer.code)}`);

  it('covers every declared route', () => {
    const bodyRoutes = routes.filter((route) => ['POST', 'PUT', 'PATCH'].includes(route.method)).map(key);
    expect(bodyRoutes.filter((route) => !VALID_BODIES[route])).toEqual([]);
    expect(routes.length).toBeGreaterThan(25);
  });

  const everyRoute = () => true;
  it.each([
    // The owner reaches every tenant route (the gateway secret opens /internal/validate too): each field is tried.
    ['an owner with a tenant header', () => ({ ...session.as('owner'), ...internalHeaders() }), everyRoute, true, 1500],
    // Platform routes are closed to owners; the admin key opens them.
    ['the platform admin key', () => adminKeyHeaders(), (route: DeclaredRoute) => route.path.startsWith('/v1/platform'), true, 50],
    // Without a credential only what runs before authentication can break: the body parser, the text check, public routes.
    ['an anonymous caller', () => ({ 'X-Organization-Id': session.tenantId }), everyRoute, false, 300],
  ])(
    'as %s: every answer is a success or a 4xx with a code',
    async (_, headers, only, fields, atLeast) => {
      const answers = await inParallel(
        probes(headers(), only, fields).map((probe) => () => send(probe)),
        8,
      );
      expect(answers.length).toBeGreaterThan(atLeast);
      expect(broken(answers)).toEqual([]);
    },
    300_000,
  );
});
