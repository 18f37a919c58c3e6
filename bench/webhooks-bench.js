// Webhook delivery in `npm run bench` (BENCH_ONLY=webhooks), against the API's dispatcher (one instance)
// and a local receiver in this process. Deliveries are queued straight into the outbox table (what a
// change's transaction inserts), so the figures are the dispatcher's:
//   1. throughput: WEBHOOK_BACKLOG deliveries (default 10,000) queued at once, to 1 endpoint and spread over
//      8, each answering 200: deliveries/s from queueing to the last one received;
//   2. latency: WEBHOOK_RATE deliveries/s (default 500) queued in 20 slices a second for WEBHOOK_SECONDS
//      (default 15) to one endpoint: p50/p99 from queued (`created_at`) to the first attempt's arrival;
//   3. isolation: 100/s to a fast endpoint for WEBHOOK_SECONDS, alone and then while another endpoint of the
//      same tenant receives 100/s and never answers (each attempt waits for the 10 s timeout): the fast
//      endpoint's p50/p99 both times.
import http from 'node:http';
import pg from 'pg';

const TENANT = 'bench_webhooks';
const BACKLOG = Number(process.env.WEBHOOK_BACKLOG ?? 10_000);
const RATE = Number(process.env.WEBHOOK_RATE ?? 500);
const SECONDS = Number(process.env.WEBHOOK_SECONDS ?? 15);
const ISOLATION_RATE = 100;
const SLICES_PER_SECOND = 20;

/** About 1 KB, the size of an incident payload. */
const PAYLOAD = JSON.stringify({
  type: 'incident.updated',
  timestamp: new Date().toISOString(),
  tenantId: TENANT,
  data: {
    id: 'inc_1',
    signal: 'device_shared',
    status: 'open',
    subject: { type: 'fingerprint', id: 'fp_bench' },
    users: Array.from({ length: 20 }, (_, index) => `user_${index}`),
    firstSeenAt: new Date().toISOString(),
    lastSeenAt: new Date().toISOString(),
    occurrences: 42,
    evidence: { fingerprint: 'fp_bench', userCount: 20, users: Array.from({ length: 20 }, (_, index) => `user_${index}`), minUsers: 2 },
    note: null,
  },
});

/** A receiver on loopback: `/ok/*` answers 200 at once, `/hang/*` never answers; each arrival's time is kept by webhook-id. */
async function startReceiver() {
  const arrivals = new Map();
  const hanging = new Set();
  const server = http.createServer((req, res) => {
    const id = req.headers['webhook-id'];
    if (!arrivals.has(id)) arrivals.set(id, Date.now());
    req.resume();
    req.on('end', () => {
      if (req.url.startsWith('/hang/')) hanging.add(res);
      else res.writeHead(200).end('ok');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    arrivals,
    url: (path) => `http://127.0.0.1:${server.address().port}${path}`,
    close: () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

async function call(base, path, { method = 'GET', headers = {}, body } = {}) {
  const res = await fetch(base + path, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: body && JSON.stringify(body) });
  if (res.status >= 400 && res.status !== 409) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
  return res.status === 409 ? undefined : res.json();
}

/** Queues `count` deliveries to `endpoints` (round robin) in one statement; answers their ids. */
async function enqueue(db, endpoints, count) {
  const { rows } = await db.query(
    `INSERT INTO webhook_deliveries (tenant_id, id, endpoint_id, event_type, payload, next_attempt_at)
     SELECT $1, 'msg_' || replace(gen_random_uuid()::text, '-', ''), ($2::text[])[1 + i % cardinality($2::text[])], 'incident.updated', $3::jsonb, clock_timestamp()
     FROM generate_series(1, $4) i RETURNING id`,
    [TENANT, endpoints, PAYLOAD, count],
  );
  return rows.map((row) => row.id);
}

/** Queues `rate` deliveries a second for `seconds`, in even slices; answers every id. */
async function enqueueSteadily(db, endpoints, rate, seconds) {
  const ids = [];
  const start = Date.now();
  const slices = seconds * SLICES_PER_SECOND;
  for (let slice = 0; slice < slices; slice += 1) {
    const wait = start + (slice * 1000) / SLICES_PER_SECOND - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    ids.push(...(await enqueue(db, endpoints, Math.round(rate / SLICES_PER_SECOND))));
  }
  return ids;
}

async function received(receiver, ids, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (ids.some((id) => !receiver.arrivals.has(id))) {
    if (Date.now() > deadline) throw new Error(`${ids.filter((id) => !receiver.arrivals.has(id)).length} of ${ids.length} deliveries never arrived`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Queued-to-first-arrival times of `ids`, ms: p50, p99, max. */
async function latencies(db, receiver, ids) {
  const { rows } = await db.query(
    `SELECT id, (extract(epoch FROM created_at) * 1000)::float8 AS queued FROM webhook_deliveries WHERE tenant_id = $1 AND id = ANY($2)`,
    [TENANT, ids],
  );
  const sorted = rows.map((row) => receiver.arrivals.get(row.id) - row.queued).sort((a, b) => a - b);
  const at = (q) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
  return { p50: at(0.5), p99: at(0.99), max: Math.round(sorted[sorted.length - 1]) };
}

export async function runWebhooksBench(base, { adminKey, databaseUrl }) {
  const receiver = await startReceiver();
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const headers = { 'X-Admin-API-Key': adminKey, 'X-Organization-Id': TENANT };
  try {
    await call(base, '/v1/platform/tenants', {
      method: 'POST',
      headers: { 'X-Admin-API-Key': adminKey },
      body: { id: TENANT, name: 'Webhooks', ownerUserId: 'bench_owner' },
    });
    // Endpoints of earlier runs stop receiving: only this run's are enabled.
    await db.query(`UPDATE webhook_endpoints SET enabled = false WHERE tenant_id = $1`, [TENANT]);
    const endpoint = async (path) =>
      (await call(base, '/v1/webhooks', { method: 'POST', headers, body: { url: receiver.url(path), events: ['webhook.test'] } })).id;
    const one = [await endpoint('/ok/one')];
    const eight = [];
    for (let index = 0; index < 8; index += 1) eight.push(await endpoint(`/ok/eight${index}`));
    const fast = [await endpoint('/ok/fast')];
    const hanging = [await endpoint('/hang/slow')];

    const rows = [];
    for (const [name, endpoints] of [
      ['1 endpoint', one],
      ['8 endpoints', eight],
    ]) {
      const started = Date.now();
      const ids = await enqueue(db, endpoints, BACKLOG);
      await received(receiver, ids, 300_000);
      const seconds = (Math.max(...ids.map((id) => receiver.arrivals.get(id))) - started) / 1000;
      rows.push(
        `| throughput, ${BACKLOG.toLocaleString('en')} queued at once, ${name} | ${Math.round(BACKLOG / seconds).toLocaleString('en')} deliveries/s | | |`,
      );
    }
    const steady = await enqueueSteadily(db, one, RATE, SECONDS);
    await received(receiver, steady, 120_000);
    const steadyLatency = await latencies(db, receiver, steady);
    rows.push(
      `| queued → first attempt at ${RATE}/s for ${SECONDS} s, 1 endpoint | | ${steadyLatency.p50} | ${steadyLatency.p99} (max ${steadyLatency.max}) |`,
    );

    const alone = await enqueueSteadily(db, fast, ISOLATION_RATE, SECONDS);
    await received(receiver, alone, 60_000);
    const aloneLatency = await latencies(db, receiver, alone);
    rows.push(`| fast endpoint at ${ISOLATION_RATE}/s, alone | | ${aloneLatency.p50} | ${aloneLatency.p99} (max ${aloneLatency.max}) |`);
    const [withHang] = await Promise.all([enqueueSteadily(db, fast, ISOLATION_RATE, SECONDS), enqueueSteadily(db, hanging, ISOLATION_RATE, SECONDS)]);
    await received(receiver, withHang, 60_000);
    const hungLatency = await latencies(db, receiver, withHang);
    rows.push(
      `| fast endpoint at ${ISOLATION_RATE}/s, while a hanging one gets ${ISOLATION_RATE}/s | | ${hungLatency.p50} | ${hungLatency.p99} (max ${hungLatency.max}) |`,
    );

    console.log('\n| webhooks (one API instance, receiver in the bench process) | rate | p50 ms | p99 ms |');
    console.log('|---|---:|---:|---:|');
    for (const row of rows) console.log(row);
  } finally {
    // The hanging endpoint's backlog would keep the dispatcher busy in later runs.
    await db.query(`UPDATE webhook_endpoints SET enabled = false WHERE tenant_id = $1`, [TENANT]).catch(() => undefined);
    await db.end();
    await receiver.close();
  }
}
