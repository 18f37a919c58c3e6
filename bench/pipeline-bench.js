// The event pipeline in `npm run bench`, for both data shapes of the product's performance section:
// realistic traffic (the demo generator: most devices have one user) and a device farm (every event a
// fresh user–device pair from 50k users × 20k fingerprints, timestamps over 29 days, out of order within a
// batch, geo jumping). Per shape, on a fresh tenant:
//   1. batch ingest: PIPE_ACCEPT events (default 300k) posted by 4 clients in 1000-event batches, accepted ev/s;
//   2. sustained processing: from the first batch until the tenant's backlog is 0, events/s; then the lag
//      (sent → processed) of batches sent at a steady PIPE_STEADY_RATE (default 2,000 ev/s) for 30 s;
//   3. a raw COPY of the same rows into a bare table with the inbox's columns, in the same run (the ratio);
//   4. the rest up to PIPE_EVENTS (default 1M) copied straight into the inbox and processed by the workers;
//   5. reads at that size: p50 alone (1 connection: the read's latency) and p50/p99 at 10 connections.
import autocannon from 'autocannon';
import pg from 'pg';
import { DemoTraffic, prng } from '../dist/apps/api/src/dev/demo-traffic.js';
import { copyIn } from './copy-in.js';
import { COPY_COLUMNS, copyRows } from './event-scenarios.js';

const ACCEPT = Number(process.env.PIPE_ACCEPT ?? 300_000);
const TOTAL = Number(process.env.PIPE_EVENTS ?? 1_000_000);
const CLIENTS = 4;
const BATCH = 1000;
const READ_SECONDS = Number(process.env.PIPE_READ_SECONDS ?? 8);
const READ_CONNECTIONS = 10;
const STEADY_RATE = Number(process.env.PIPE_STEADY_RATE ?? 2000);
const STEADY_SECONDS = Number(process.env.PIPE_STEADY_SECONDS ?? 30);
const DAY_MS = 86_400_000;

// The inbox takes the same columns as the events table.
const INBOX_COLUMNS = COPY_COLUMNS;
// Accepting always fills in the client address; rows copied in without one get loopback's.
const INBOX_DEFAULT_IP = '127.0.0.1';

const CITIES = [
  ['US', 'New York', 40.71, -74.0],
  ['GB', 'London', 51.5, -0.12],
  ['JP', 'Tokyo', 35.68, 139.69],
  ['BR', 'São Paulo', -23.55, -46.63],
  ['AU', 'Sydney', -33.87, 151.21],
  ['DE', 'Berlin', 52.52, 13.4],
  ['IN', 'Mumbai', 19.07, 72.87],
  ['ZA', 'Cape Town', -33.92, 18.42],
];

/** The device farm: each event a fresh user–device pair, timestamps over 29 days shuffled within the batch, geo jumping. */
function farmShape(runId) {
  const next = prng(42);
  let sequence = 0;
  return (count) => {
    const now = Date.now() - 60_000;
    return Array.from({ length: count }, () => {
      sequence += 1;
      const [country, city, lat, lon] = CITIES[Math.floor(next() * CITIES.length)];
      return {
        eventId: `farm_${runId}_${sequence}`,
        userId: `farm_u${Math.floor(next() * 50_000)}`,
        fingerprint: `farm_fp${Math.floor(next() * 20_000)}`,
        domain: 'shop.example.com',
        eventType: next() < 0.1 ? 'login' : 'page_view',
        geo: { lat, lon, country, city },
        timestamp: new Date(now - Math.floor(next() * 29 * DAY_MS)).toISOString(),
      };
    });
  };
}

/** Realistic traffic: the demo generator, one user per device mostly, in time order over 30 days. */
function realisticShape(runId) {
  const traffic = new DemoTraffic({ users: Math.max(50, Math.round(TOTAL / 40)), runId, seed: 7 });
  const end = Date.now() - 60_000;
  const start = end - 30 * DAY_MS;
  // Every batch the run generates gets its own slice of the 30 days, so none lies ahead of the server's clock
  // (the steady phase's batches come on top of PIPE_EVENTS when the run is smaller than accept + steady).
  const slice = (end - start) / Math.ceil(Math.max(TOTAL, ACCEPT + STEADY_RATE * STEADY_SECONDS) / BATCH);
  let index = 0;
  return (count) => {
    const batch = traffic.batch(count, start + index * slice, start + (index + 1) * slice);
    index += 1;
    return batch;
  };
}

async function backlog(db, tenantId) {
  const { rows } = await db.query(
    `SELECT coalesce((SELECT accepted_count FROM pipeline_intake WHERE tenant_id = $1), 0)
          - coalesce((SELECT processed_count FROM pipeline_tenants WHERE tenant_id = $1), 0) AS n`,
    [tenantId],
  );
  return Number(rows[0].n);
}

/**
 * Lag at a steady STEADY_RATE events/s: a 1000-event batch every 1000/STEADY_RATE s for STEADY_SECONDS,
 * each sent with `Prefer: wait=30`, so its answer comes when its events are processed: the time from
 * sending to that answer is the batch's lag (acceptance included).
 */
async function steadyLag(base, headers, generate) {
  const interval = (BATCH / STEADY_RATE) * 1000;
  const lags = [];
  let unprocessed = 0;
  const inFlight = [];
  const started = performance.now();
  for (let sent = 0; performance.now() - started < STEADY_SECONDS * 1000; sent += 1) {
    const body = JSON.stringify({ events: generate(BATCH) });
    const at = performance.now();
    inFlight.push(
      fetch(`${base}/v1/events/batch`, { method: 'POST', headers: { ...headers, Prefer: 'wait=30' }, body }).then(async (res) => {
        const answer = await res.json();
        if (res.status !== 200 || answer.processed !== true) unprocessed += 1;
        lags.push(performance.now() - at);
      }),
    );
    const nextAt = started + (sent + 1) * interval;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, nextAt - performance.now())));
  }
  await Promise.all(inFlight);
  lags.sort((a, b) => a - b);
  return {
    rate: STEADY_RATE,
    p50: lags[Math.floor(lags.length * 0.5)],
    p99: lags[Math.min(lags.length - 1, Math.floor(lags.length * 0.99))],
    unprocessed,
    batches: lags.length,
  };
}

async function drained(db, tenantId) {
  while ((await backlog(db, tenantId)) > 0) await new Promise((resolve) => setTimeout(resolve, 250));
}

const READ_PATHS = [
  '/v1/fraud/stats',
  '/v1/users?limit=50',
  '/v1/users?sort=riskScore&limit=50',
  '/v1/users?riskLevel=high&limit=50',
  '/v1/fingerprints?limit=50',
  '/v1/account-sharing?limit=50',
  '/v1/incidents?limit=50',
  '/v1/analytics/timeseries?metric=events&interval=hour',
  '/v1/analytics/timeseries?metric=new_users&interval=hour',
  '/v1/analytics/timeseries?metric=incidents&interval=hour',
  '/v1/analytics/timeseries?metric=risky_users&interval=hour',
  '/v1/identity-graph',
  '/v1/attribution/stats?groupBy=source',
  '/v1/events/pipeline',
];

function read(url, headers, connections) {
  return new Promise((resolve, reject) =>
    autocannon({ url, headers, connections, duration: READ_SECONDS }, (error, result) => (error ? reject(error) : resolve(result))),
  );
}

async function runShape(base, adminKey, db, name, makeShape) {
  const runId = Date.now().toString(36);
  const tenantId = `bp_${name}_${runId}`;
  const admin = { 'X-Admin-API-Key': adminKey, 'Content-Type': 'application/json' };
  const created = await fetch(`${base}/v1/platform/tenants`, {
    method: 'POST',
    headers: admin,
    body: JSON.stringify({ id: tenantId, name, ownerUserId: 'bench_owner' }),
  });
  if (created.status !== 201) throw new Error(`creating ${tenantId}: ${created.status}`);
  const generate = makeShape(runId);

  // 1 + 2: accept ACCEPT events over HTTP, 4 clients, then wait until they are all processed.
  const bodies = Array.from({ length: Math.ceil(ACCEPT / BATCH) }, () => generate(BATCH));
  const acceptedRows = bodies.flat();
  const payloads = bodies.map((events) => JSON.stringify({ events }));
  let next = 0;
  let accepted = 0;
  let refused = 0;
  const latencies = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < payloads.length) {
        const body = payloads[next];
        next += 1;
        const sent = performance.now();
        let res = await fetch(`${base}/v1/events/batch`, { method: 'POST', headers: { ...admin, 'X-Organization-Id': tenantId }, body });
        // A 503 asks for a retry, as a client would (counted; the retry's duplicates are not double-counted).
        for (let retry = 0; res.status === 503 && retry < 5; retry += 1) {
          refused += 1;
          await new Promise((resolve) => setTimeout(resolve, 1000));
          res = await fetch(`${base}/v1/events/batch`, { method: 'POST', headers: { ...admin, 'X-Organization-Id': tenantId }, body });
        }
        if (res.status !== 202) throw new Error(`batch answered ${res.status}: ${await res.text()}`);
        accepted += (await res.json()).accepted;
        latencies.push(performance.now() - sent);
      }
    }),
  );
  const acceptSeconds = (performance.now() - started) / 1000;
  await drained(db, tenantId);
  const processSeconds = (performance.now() - started) / 1000;
  const steady = await steadyLag(base, { ...admin, 'X-Organization-Id': tenantId }, generate);
  await db.query('VACUUM ANALYZE event_inbox');
  latencies.sort((a, b) => a - b);

  // 3: the same rows, COPY'd by one connection into a bare table with the inbox's columns.
  const copyChunks = [];
  for (let at = 0; at < acceptedRows.length; at += BATCH) copyChunks.push(copyRows(tenantId, acceptedRows.slice(at, at + BATCH), INBOX_DEFAULT_IP));
  await db.query('DROP TABLE IF EXISTS bench_copy_bare');
  await db.query('CREATE TABLE bench_copy_bare (LIKE event_inbox INCLUDING DEFAULTS INCLUDING IDENTITY)');
  const copyStarted = performance.now();
  await copyIn(db, `COPY bench_copy_bare (${INBOX_COLUMNS.join(', ')}) FROM STDIN`, copyChunks);
  const copySeconds = (performance.now() - copyStarted) / 1000;
  await db.query('DROP TABLE bench_copy_bare');

  // 4: the rest straight into the inbox (the fast path for the bench's data), processed by the workers.
  const rest = Math.max(0, TOTAL - accepted - steady.batches * BATCH);
  const bulkStarted = performance.now();
  for (let done = 0; done < rest; done += 100_000) {
    const size = Math.min(100_000, rest - done);
    const chunks = [];
    for (let at = 0; at < size; at += BATCH) chunks.push(copyRows(tenantId, generate(Math.min(BATCH, size - at)), INBOX_DEFAULT_IP));
    await db.query('BEGIN');
    await copyIn(db, `COPY event_inbox (${INBOX_COLUMNS.join(', ')}) FROM STDIN`, chunks);
    await db.query(`UPDATE pipeline_intake SET accepted_count = accepted_count + $2, last_accepted_at = now() WHERE tenant_id = $1`, [tenantId, size]);
    await db.query('COMMIT');
  }
  await drained(db, tenantId);
  const bulkSeconds = (performance.now() - bulkStarted) / 1000;
  await db.query(
    'VACUUM ANALYZE event_inbox, events, end_users, user_fingerprints, fingerprint_stats, signal_incidents, user_risk, incidents, shared_fingerprints, account_sharing_fingerprints',
  );

  // 5: reads at TOTAL events.
  const { rows } = await db.query(
    `SELECT (SELECT count(*) FROM events WHERE tenant_id = $1)::int AS events, (SELECT count(*) FROM incidents WHERE tenant_id = $1)::int AS incidents,
            (SELECT count(*) FROM signal_incidents WHERE tenant_id = $1)::int AS evidence, (SELECT count(*) FROM end_users WHERE tenant_id = $1)::int AS users`,
    [tenantId],
  );
  const owner = { 'X-Admin-API-Key': adminKey, 'X-Organization-Id': tenantId };
  const reads = [];
  for (const path of READ_PATHS) {
    const alone = await read(`${base}${path}`, owner, 1);
    const result = await read(`${base}${path}`, owner, READ_CONNECTIONS);
    reads.push({
      path,
      alone: alone.latency.p50,
      p50: result.latency.p50,
      p99: result.latency.p99,
      rps: result.requests.total / result.duration,
      non2xx: result.non2xx + alone.non2xx,
    });
  }
  return {
    name,
    accepted,
    refused,
    acceptRate: accepted / acceptSeconds,
    batchP50: latencies[Math.floor(latencies.length / 2)],
    processRate: accepted / processSeconds,
    steady,
    copyRate: acceptedRows.length / copySeconds,
    bulkRate: rest / bulkSeconds,
    ...rows[0],
    reads,
  };
}

const n = (value) => Math.round(value).toLocaleString('en');

/** One shape's figures, printed as soon as they are measured. */
function print(r) {
  console.log(`\nEvent pipeline, ${r.name} shape: ${CLIENTS} clients × ${BATCH}-event batches over HTTP, then COPY into the inbox up to ${n(TOTAL)} events`);
  console.log('| figure | value |');
  console.log('|---|---:|');
  console.log(`| batch ingest accepted (4 clients × 1000-event batches) | ${n(r.acceptRate)} ev/s (batch p50 ${n(r.batchP50)} ms; 503 retries ${r.refused}) |`);
  console.log(`| raw COPY of the same rows into a bare table | ${n(r.copyRate)} rows/s |`);
  console.log(`| accepted ÷ raw COPY | ${(r.acceptRate / r.copyRate).toFixed(2)} |`);
  console.log(`| sustained processing (${n(r.accepted)} accepted → backlog 0) | ${n(r.processRate)} ev/s |`);
  console.log(
    `| lag at a steady ${n(r.steady.rate)} ev/s (${r.steady.batches} batches, sent → processed) | p50 ${n(r.steady.p50)} ms, p99 ${n(r.steady.p99)} ms (${r.steady.unprocessed} not processed within 30 s) |`,
  );
  console.log(`| processing of the bulk-loaded rest | ${n(r.bulkRate)} ev/s |`);
  console.log(`| events / incidents / incident evidence rows / users | ${n(r.events)} / ${n(r.incidents)} / ${n(r.evidence)} / ${n(r.users)} |`);
  for (const x of r.reads)
    console.log(
      `| GET ${x.path} | p50 ${x.alone} ms alone; at ${READ_CONNECTIONS} connections p50 ${x.p50} ms, p99 ${x.p99} ms, ${n(x.rps)} req/s; ${x.non2xx} non-2xx |`,
    );
}

/** Runs both shapes (PIPE_SHAPES=realistic,farm) against the API at `base` (its workers process) and prints the figures. */
export async function runPipelineBench(base, { adminKey, databaseUrl }) {
  const db = new pg.Client({ connectionString: databaseUrl });
  // The embedded server stops with the API at the end of the run, possibly before this client has left.
  db.on('error', () => undefined);
  await db.connect();
  try {
    // The pipeline's figures depend on the server's buffer cache (see docs/SCALING.md), so they are printed with it.
    const { rows } = await db.query(`SELECT current_setting('server_version') AS version, current_setting('shared_buffers') AS buffers`);
    console.log(`\nPostgreSQL ${rows[0].version}, shared_buffers ${rows[0].buffers}`);
    const only = process.env.PIPE_SHAPES ? process.env.PIPE_SHAPES.split(',') : ['realistic', 'farm'];
    const shapes = [
      ['realistic', realisticShape],
      ['farm', farmShape],
    ].filter(([name]) => only.includes(name));
    for (const [name, shape] of shapes) {
      console.error(`pipeline bench: ${name} shape (${ACCEPT.toLocaleString('en')} over HTTP, then up to ${TOTAL.toLocaleString('en')})`);
      print(await runShape(base, adminKey, db, name, shape));
    }
  } finally {
    await db.end();
  }
}
