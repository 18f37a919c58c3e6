// The product scenarios of `npm run bench`. Setup provisions what each scenario needs through the
// public API (platform admin key) and signs dashboard tokens with the dev issuer the bench API uses.
import { DevIssuer } from '../dist/libs/auth/src/dev-issuer.js';

<<<<<<< HEAD
async function call(base, method, path, headers, body) {
=======
const BENCH_TENANT = 'bench_machines';

async function call(base, path, { method = 'GET', headers = {}, body } = {}) {
>>>>>>> tokens
  const res = await fetch(base + path, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
<<<<<<< HEAD
  if (res.status >= 400 && res.status !== 409) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
  return res.status === 204 ? undefined : res.json();
}

export async function setupScenarios(base, { adminKey, dataDir }) {
  const tenantId = 'bench';
  const ownerId = 'bench_owner';
  await call(base, 'POST', '/v1/platform/tenants', { 'X-Admin-API-Key': adminKey }, { id: tenantId, name: 'Bench', ownerUserId: ownerId });
  const dashboard = { Authorization: `Bearer ${new DevIssuer(dataDir).sign(ownerId)}`, 'X-Organization-Id': tenantId };
  for (let i = 0; i < 5; i += 1) {
    await call(base, 'PUT', `/v1/members/bench_member_${i}`, dashboard, { role: 'viewer', email: `m${i}@example.com` });
  }
  return [
=======
  return { status: res.status, body: await res.json().catch(() => undefined) };
}

/** A tenant and a secret token, provisioned with the admin key (the seed flow an operator uses). */
async function machineCredentials(base, adminKey) {
  const admin = { 'X-Admin-API-Key': adminKey };
  const tenant = await call(base, '/v1/platform/tenants', { method: 'POST', headers: admin, body: { id: BENCH_TENANT, name: 'Bench machines', ownerUserId: 'bench_owner' } });
  if (tenant.status !== 201 && tenant.status !== 409) throw new Error(`bench tenant: ${tenant.status} ${JSON.stringify(tenant.body)}`);
  const token = await call(base, '/v1/tokens', {
    method: 'POST',
    headers: { ...admin, 'X-Organization-Id': BENCH_TENANT },
    body: { name: `bench ${new Date().toISOString()}`, kind: 'secret', scopes: ['events:read', 'analytics:read'] },
  });
  if (token.status !== 201) throw new Error(`bench token: ${token.status} ${JSON.stringify(token.body)}`);
  return token.body.token;
}

export async function setupScenarios(base, { adminKey, internalSecret } = {}) {
  const scenarios = [
>>>>>>> tokens
    { name: 'GET /health/live', path: '/health/live' },
    { name: 'GET /health (db ping)', path: '/health' },
    { name: 'GET /v1/members (RS256 JWT + membership + RLS)', path: '/v1/members', headers: dashboard },
  ];
  if (!adminKey || !internalSecret) return scenarios;

  const apiKey = await machineCredentials(base, adminKey);
  const validate = {
    path: '/internal/validate',
    method: 'POST',
    body: JSON.stringify({ token: apiKey }),
  };
  const gateway = { 'Content-Type': 'application/json', 'X-Internal-Secret': internalSecret };
  scenarios.push(
    { name: 'POST /internal/validate (cache hit)', ...validate, headers: gateway },
    // `Cache-Control: no-cache` makes every validation read the token from the database: the miss path.
    { name: 'POST /internal/validate (cache miss)', ...validate, headers: { ...gateway, 'Cache-Control': 'no-cache' } },
  );

  // The first product read open to API keys (events:read); measured once the events module provides it.
  const read = await call(base, '/v1/events?limit=50', { headers: { 'X-API-Key': apiKey } });
  if (read.status === 200) {
    scenarios.push({ name: 'GET /v1/events?limit=50 (X-API-Key, events:read)', path: '/v1/events?limit=50', headers: { 'X-API-Key': apiKey } });
  } else {
    console.error(`- X-API-Key read scenario not run: GET /v1/events answered ${read.status} (the events module is not in this build)`);
  }
  return scenarios;
}
