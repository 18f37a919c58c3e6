// Platform scenarios of `npm run bench`: health, and an authenticated tenant-scoped read (dashboard JWT,
// membership, RLS) on a tenant provisioned through the admin key.
import { DevIssuer } from '../dist/libs/auth/src/dev-issuer.js';

async function call(base, method, path, headers, body) {
  const res = await fetch(base + path, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 400 && res.status !== 409) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
}

export async function setupPlatformScenarios(base, { adminKey, dataDir }) {
  const tenantId = 'bench';
  const ownerId = 'bench_owner';
  await call(base, 'POST', '/v1/platform/tenants', { 'X-Admin-API-Key': adminKey }, { id: tenantId, name: 'Bench', ownerUserId: ownerId });
  const dashboard = { Authorization: `Bearer ${new DevIssuer(dataDir).sign(ownerId)}`, 'X-Organization-Id': tenantId };
  for (let i = 0; i < 5; i += 1) {
    await call(base, 'PUT', `/v1/members/bench_member_${i}`, dashboard, { role: 'viewer', email: `m${i}@example.com` });
  }
  return [
    { name: 'GET /health/live', path: '/health/live' },
    { name: 'GET /health (db ping)', path: '/health' },
    { name: 'GET /v1/members (RS256 JWT + membership + RLS)', path: '/v1/members', headers: dashboard },
  ];
}
