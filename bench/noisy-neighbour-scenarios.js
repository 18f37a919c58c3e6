// Noisy-neighbour scenarios of `npm run bench` (BENCH_ONLY=neighbour): tenant B's dashboard read alone,
// then the same read while tenant A floods the batch route with its publishable key, in both traffic
// shapes. The summary sets B's p99 under each flood against B's p99 alone; the bound is the larger of
// twice that and 50 ms.
import path from 'node:path';
import { DemoTraffic } from '../dist/apps/api/src/dev/demo-traffic.js';
import { DevIssuer } from '../dist/libs/auth/src/dev-issuer.js';

const FLOODER = 'bench_flooder';
const NEIGHBOUR = 'bench_neighbour';
const OWNER = 'bench_owner';
const SHOP = 'https://shop.bench.example';
// As measured in the field: 25 parallel 1000-event batches from one publishable key.
const FLOOD_CONNECTIONS = Number(process.env.BENCH_FLOOD_CONNECTIONS ?? 25);
const READ_CONNECTIONS = Number(process.env.BENCH_READ_CONNECTIONS ?? 10);
const BATCH_EVENTS = 1000;
const READ_PATH = '/v1/users?limit=50';
/** Replaced in every request body by a unique run-and-request tag. */
const FRESH = '@FRESH@';
const TEMPLATES = 8;

async function call(base, path, { method = 'GET', headers = {}, body } = {}) {
  const res = await fetch(base + path, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: body && JSON.stringify(body) });
  if (res.status >= 400 && res.status !== 409) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
  return res.status === 409 ? undefined : res.json();
}

export async function setupNoisyNeighbourScenarios(base, { adminKey, dataDir }) {
  const admin = { 'X-Admin-API-Key': adminKey };
  await call(base, '/v1/platform/tenants', {
    method: 'POST',
    headers: admin,
    body: { id: FLOODER, name: 'Flooder', ownerUserId: OWNER, allowedOrigins: [SHOP] },
  });
  await call(base, '/v1/platform/tenants', { method: 'POST', headers: admin, body: { id: NEIGHBOUR, name: 'Neighbour', ownerUserId: OWNER } });
  const { token: publishableKey } = await call(base, '/v1/tokens', {
    method: 'POST',
    headers: { ...admin, 'X-Organization-Id': FLOODER },
    body: { name: `bench flood ${new Date().toISOString()}`, kind: 'publishable', scopes: ['events:write'] },
  });
  const runId = `n${Date.now().toString(36)}`;
  const realistic = new DemoTraffic({ users: 100_000, runId, seed: Date.now() % 1_000_000 });
  // The neighbour's read lists real users: give it a batch of its own.
  await call(base, '/v1/events/batch', {
    method: 'POST',
    headers: { ...admin, 'X-Organization-Id': NEIGHBOUR },
    body: { events: realistic.batch(BATCH_EVENTS, Date.now() - 3_600_000, Date.now()) },
  });

  const read = {
    path: READ_PATH,
    headers: { Authorization: `Bearer ${new DevIssuer(path.resolve(dataDir)).sign(OWNER)}`, 'X-Organization-Id': NEIGHBOUR },
    connections: READ_CONNECTIONS,
  };
  const flood = (batch) => {
    // Made when the flood starts, not at set-up: a publishable key's timestamps must be recent.
    let bodies;
    let sent = 0;
    const body = () => (bodies ??= bodiesOf(batch))[sent % TEMPLATES].replaceAll(FRESH, `${runId}r${(sent += 1)}`);
    return {
      path: '/v1/events/batch',
      method: 'POST',
      headers: { 'X-API-Key': publishableKey, Origin: SHOP, 'Content-Type': 'application/json' },
      connections: FLOOD_CONNECTIONS,
      requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, body: body() }) }],
    };
  };
  // A publishable key may not set `ip`, and its timestamps must be within 10 minutes of the server's clock.
  const realisticBatch = () =>
    realistic.batch(BATCH_EVENTS, Date.now() - 60_000, Date.now()).map(({ ip: _ip, ...event }, i) => ({ ...event, eventId: `${FRESH}_${i}` }));
  const deviceFarmBatch = () => Array.from({ length: BATCH_EVENTS }, (_, i) => deviceFarmEvent(i));

  const alone = `noisy neighbour: tenant B GET ${READ_PATH} alone (dashboard JWT, ${READ_CONNECTIONS} connections)`;
  const during = (shape) => `noisy neighbour: the same while tenant A floods with its pk_ (${shape}, ${FLOOD_CONNECTIONS} × ${BATCH_EVENTS}-event batches)`;
  return [
    { name: alone, ...read },
    { name: during('realistic'), ...read, neighbourOf: alone, during: flood(realisticBatch) },
    { name: during('device farm'), ...read, neighbourOf: alone, during: flood(deviceFarmBatch) },
  ];
}

/**
 * Request bodies made once, with FRESH standing for what each request makes unique: generating 1000 events
 * per request would burn the cores the server is measured on.
 */
function bodiesOf(batch) {
  return Array.from({ length: TEMPLATES }, () => JSON.stringify({ events: batch() }));
}

/**
 * Adversarial traffic within what a publishable key may send: every event a fresh user and device, out
 * of order over the last nine minutes, the location jumping across the globe from one event to the next.
 */
function deviceFarmEvent(i) {
  return {
    eventId: `${FRESH}_${i}`,
    userId: `farm_user_${FRESH}_${i}`,
    fingerprint: `farm_fp_${FRESH}_${i}`,
    domainprint: `farm_dp_${FRESH}_${i}`,
    domain: 'shop.bench.example',
    url: 'https://shop.bench.example/checkout',
    eventType: i % 4 === 0 ? 'login' : 'page_view',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
    geo: { lat: Math.round((Math.random() * 170 - 85) * 1e4) / 1e4, lon: Math.round((Math.random() * 360 - 180) * 1e4) / 1e4 },
    timestamp: new Date(Date.now() - Math.floor(Math.random() * 9 * 60_000)).toISOString(),
  };
}
