// Analytics scenarios of `npm run bench`: each analytics endpoint on the big tenant (seeded by the seed
// command in scenarios.js), measured one request at a time (p50 warm), next to the seed-000 baseline that
// loads the tenant's raw events and aggregates them in JavaScript, on the same data in the same run.
import { fork } from 'node:child_process';
import pg from 'pg';

const BASELINE_PORT = Number(process.env.BENCH_PORT ?? 3900) + 3;

/** Only when wanted: BENCH_ONLY unset or naming them (e.g. BENCH_ONLY=analytics). */
export async function setupAnalyticsScenarios(base, { adminKey, databaseUrl, tenant, events }) {
  if (process.env.BENCH_ONLY && !process.env.BENCH_ONLY.includes('analytics')) return [];
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    // As after any bulk load: the analytics read models are settled and analysed like the event store.
    await db.query('VACUUM ANALYZE attribution_visit_days, attribution_conversions, identity_clusters, identity_cluster_members');
  } finally {
    await db.end();
  }
  const headers = { 'X-Admin-API-Key': adminKey, 'X-Organization-Id': tenant };
  const stats = await (await fetch(`${base}/v1/fraud/stats`, { headers })).json();
  const risky = stats.topRiskyUsers?.[0]?.userId ?? 'user_000001';

  const baseline = fork('bench/analytics-baseline.js', [], {
    env: { ...process.env, PORT: String(BASELINE_PORT), DATABASE_URL: databaseUrl, BENCH_TENANT: tenant },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  await new Promise((resolve) => baseline.once('message', resolve));
  // Let the bench exit when it is done, taking the baseline server with it.
  baseline.disconnect();
  baseline.unref();
  process.on('exit', () => baseline.kill('SIGTERM'));

  const size = `${(events / 1_000_000).toLocaleString('en')}M events`;
  const endpoints = [
    ['GET /v1/fraud/stats', '/v1/fraud/stats', '/fraud/stats'],
    ['GET /v1/identity-graph?userId (riskiest user, depth 2)', `/v1/identity-graph?userId=${risky}&depth=2`, `/identity-graph?userId=${risky}&depth=2`],
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
