// Tenant-IdP scenarios of `npm run bench`: the same tenant read with a token of the platform IdP (the dev
// issuer) and with a token of the tenant's own IdP (a JWKS served here on loopback), in the same run.
import { createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { createServer } from 'node:http';
import { DevIssuer } from '../dist/libs/auth/src/dev-issuer.js';

const TENANT_ISSUER = 'https://bench-tenant.idp.local/';
const KID = 'bench-tenant-1';

async function call(base, method, path, headers, body) {
  const res = await fetch(base + path, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 400 && res.status !== 409) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
}

/** A tenant IdP on loopback: one RS256 key, its JWKS over HTTP, and an RS256 signer for its tokens. */
async function startTenantIdp() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwks = JSON.stringify({ keys: [{ ...createPublicKey(privateKey).export({ format: 'jwk' }), kid: KID, use: 'sig', alg: 'RS256' }] });
  const server = createServer((_req, res) => res.end(jwks));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  // The bench process exits with the server still listening; it must not keep the process alive.
  server.unref();
  const encode = (part) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const signJwt = (sub) => {
    const input = `${encode({ alg: 'RS256', typ: 'JWT', kid: KID })}.${encode({ iss: TENANT_ISSUER, sub, iat: now, exp: now + 3600 })}`;
    return `${input}.${sign('RSA-SHA256', Buffer.from(input), privateKey).toString('base64url')}`;
  };
  return { jwksUrl: `http://127.0.0.1:${server.address().port}/.well-known/jwks.json`, signJwt };
}

export async function setupTenantIdpScenarios(base, { adminKey, dataDir }) {
  const tenantId = 'bench_idp';
  const ownerId = 'bench_idp_owner';
  const idp = await startTenantIdp();
  await call(base, 'POST', '/v1/platform/tenants', { 'X-Admin-API-Key': adminKey }, { id: tenantId, name: 'Bench IdP', ownerUserId: ownerId });
  const platform = { Authorization: `Bearer ${new DevIssuer(dataDir).sign(ownerId)}`, 'X-Organization-Id': tenantId };
  await call(base, 'PUT', '/v1/tenant/idp', platform, { issuer: TENANT_ISSUER, jwksUrl: idp.jwksUrl, algorithms: ['RS256'] });
  await call(base, 'PUT', '/v1/members/bench_idp_member', platform, { role: 'viewer' });
  const tenant = { Authorization: `Bearer ${idp.signJwt('bench_idp_member')}`, 'X-Organization-Id': tenantId };
  // Two alternating rounds: on a shared machine the first scenario measured after the baseline runs slower
  // whichever it is, so compare within the second round too.
  return [1, 2].flatMap((round) => {
    const platformRead = `GET /v1/members (platform IdP token, round ${round})`;
    return [
      { name: platformRead, path: '/v1/members', headers: platform },
      { name: `GET /v1/members (tenant's own IdP token, round ${round})`, path: '/v1/members', headers: tenant, comparedTo: platformRead },
    ];
  });
}
