// Analytics scenarios of `npm run bench`: a tenant holding BENCH_ANALYTICS_EVENTS demo events (default 1M,
// seeded once through the real ingestion path and kept in the bench database), each analytics endpoint
// measured one request at a time (p50 warm), next to the seed-000 baseline that loads the tenant's raw
// events and aggregates them in JavaScript on the same data.
import { fork, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

const EVENTS = Number(process.env.BENCH_ANALYTICS_EVENTS ?? 1_000_000);
const TENANT = process.env.BENCH_ANALYTICS_TENANT ?? `bench_analytics_${EVENTS}`;
const BASELINE_PORT = Number(process.env.BENCH_PORT ?? 3900) + 3;
const DAYS = 30;
const BATCH = 1000;

/** The bench database: DATABASE_URL, else the embedded server the API started under the data directory. */
function databaseUrl(dataDir) {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const pidFile = path.join(path.resolve(dataDir), 'postgres', 'postmaster.pid');
  const port = readFileSync(pidFile, 'utf8').split('\n')[3]?.trim();
  return `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
}

async function storedEvents(db) {
  const { rows } = await db.query('SELECT count(*)::int AS n FROM events WHERE tenant_id = $1', [TENANT]);
  return rows[0].n;
}

/** Through the seed CLI when this build has it; otherwise the same generator through POST /v1/events/batch. */
async function seed(base, adminKey, missing, dataDir) {
  const cli = 'dist/apps/cli/src/main.js';
  if (existsSync('dist/apps/cli/src/commands/seed.command.js')) {
    const env = { ...process.env, DATA_DIR: dataDir, ...(process.env.DATABASE_URL ? {} : { DATABASE_URL: databaseUrl(dataDir) }) };
    const run = spawnSync('node', [cli, 'seed', '--tenant', TENANT, '--events', String(missing), '--days', String(DAYS)], { stdio: 'inherit', env });
    if (run.status !== 0) throw new Error(`seed CLI exited with ${run.status}`);
    return;
  }
  const { DemoTraffic } = await import('../dist/apps/api/src/dev/demo-traffic.js');
  const runSeed = Date.now() % 2 ** 31;
  const traffic = new DemoTraffic({ users: Math.max(50, Math.round(EVENTS / 40)), seed: runSeed, runId: `b${runSeed.toString(36)}` });
  const batches = Math.ceil(missing / BATCH);
  const end = Date.now() - 60_000;
  const start = end - DAYS * 86_400_000;
  const slice = (end - start) / batches;
  const started = Date.now();
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < batches) {
      const index = next++;
      const events = traffic.batch(Math.min(BATCH, missing - index * BATCH), start + index * slice, start + (index + 1) * slice);
      const res = await fetch(`${base}/v1/events/batch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'X-Admin-API-Key': adminKey, 'X-Organization-Id': TENANT },
        body: JSON.stringify({ events }),
      });
      if (res.status !== 202) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
      done += events.length;
      if (index % 50 === 0) process.stderr.write(`\r  seeded ${done.toLocaleString('en')} / ${missing.toLocaleString('en')} (${Math.round(done / ((Date.now() - started) / 1000))} events/s)`);
    }
  };
  await Promise.all([worker(), worker()]);
  process.stderr.write('\n');
}

export async function setupAnalyticsScenarios(base, { adminKey, dataDir }) {
  const headers = { 'X-Admin-API-Key': adminKey, 'X-Organization-Id': TENANT };
  const created = await fetch(`${base}/v1/platform/tenants`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-Admin-API-Key': adminKey },
    body: JSON.stringify({ id: TENANT, name: `Bench analytics (${EVENTS} events)`, ownerUserId: 'bench_owner' }),
  });
  if (![201, 409].includes(created.status)) throw new Error(`creating ${TENANT} answered ${created.status}`);

  const db = new pg.Client({ connectionString: databaseUrl(dataDir) });
  await db.connect();
  try {
    const stored = await storedEvents(db);
    if (stored < EVENTS) {
      console.error(`Seeding ${TENANT} with ${(EVENTS - stored).toLocaleString('en')} events (once; kept in the bench database)`);
      await seed(base, adminKey, EVENTS - stored, dataDir);
      // What autovacuum does after a bulk load, done now so every run measures the same settled tables.
      await db.query('VACUUM (ANALYZE) events, end_users, user_fingerprints, domainprint_users, signal_incidents, attribution_visit_days, attribution_conversions, identity_clusters, identity_cluster_members');
    }
    console.error(`${TENANT}: ${(await storedEvents(db)).toLocaleString('en')} events`);
  } finally {
    await db.end();
  }

  const stats = await (await fetch(`${base}/v1/fraud/stats`, { headers })).json();
  const risky = stats.topRiskyUsers[0]?.userId ?? 'user_000001';

  const baseline = fork('bench/analytics-baseline.js', [], {
    env: { ...process.env, PORT: String(BASELINE_PORT), DATABASE_URL: databaseUrl(dataDir), BENCH_TENANT: TENANT },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  await new Promise((resolve) => baseline.once('message', resolve));
  // Let the bench exit when it is done, taking the baseline server with it.
  baseline.disconnect();
  baseline.unref();
  process.on('exit', () => baseline.kill('SIGTERM'));

  const size = `${(EVENTS / 1_000_000).toLocaleString('en')}M events`;
  const endpoints = [
    ['GET /v1/fraud/stats', '/v1/fraud/stats', '/fraud/stats'],
    [`GET /v1/identity-graph?userId (risky user, depth 2)`, `/v1/identity-graph?userId=${risky}&depth=2`, `/identity-graph?userId=${risky}&depth=2`],
    ['GET /v1/identity-graph (clusters)', '/v1/identity-graph', '/identity-graph'],
    ['GET /v1/attribution/stats?groupBy=source', '/v1/attribution/stats?groupBy=source', '/attribution/stats?groupBy=source'],
    ['GET /v1/account-sharing', '/v1/account-sharing', '/account-sharing'],
  ];
  return endpoints.flatMap(([name, apiPath, baselinePath]) => [
    { name: `analytics ${name} [${size}]`, path: apiPath, headers, connections: 1 },
    {
      name: `analytics baseline (seed 000: raw events aggregated in JS) [${size}]`,
      url: `http://127.0.0.1:${BASELINE_PORT}${baselinePath}`,
      connections: 1,
      timeout: 600,
      amount: Number(process.env.BENCH_BASELINE_REQUESTS ?? 3),
      baselineFor: `analytics ${name} [${size}]`,
    },
  ]);
}
