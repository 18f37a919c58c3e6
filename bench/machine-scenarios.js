// Machine-access scenarios of `npm run bench`: gateway validation (cache hit and miss) and an
// X-API-Key-authenticated read, with a tenant and token provisioned through the admin key.

const BENCH_TENANT = 'bench_machines';

async function call(base, path, { method = 'GET', headers = {}, body } = {}) {
  const res = await fetch(base + path, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => undefined) };
}

/** A tenant and a secret token, provisioned with the admin key (the seed flow an operator uses). */
async function machineCredentials(base, adminKey) {
  const admin = { 'X-Admin-API-Key': adminKey };
  const tenant = await call(base, '/v1/platform/tenants', {
    method: 'POST',
    headers: admin,
    body: { id: BENCH_TENANT, name: 'Bench machines', ownerUserId: 'bench_owner' },
  });
  if (tenant.status !== 201 && tenant.status !== 409) throw new Error(`bench tenant: ${tenant.status} ${JSON.stringify(tenant.body)}`);
  const token = await call(base, '/v1/tokens', {
    method: 'POST',
    headers: { ...admin, 'X-Organization-Id': BENCH_TENANT },
    body: { name: `bench ${new Date().toISOString()}`, kind: 'secret', scopes: ['events:read', 'analytics:read'] },
  });
  if (token.status !== 201) throw new Error(`bench token: ${token.status} ${JSON.stringify(token.body)}`);
  return token.body.token;
}

export async function setupMachineScenarios(base, { adminKey, internalSecret }) {
  const scenarios = [];

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
