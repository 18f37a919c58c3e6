// npm run bench: starts the bare NestJS baseline and the API (built, as `npm start` runs it) as child
// processes, loads each scenario with autocannon on 127.0.0.1 for a bounded time, and prints a table.
import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { databaseUrl } from './event-scenarios.js';
import { runPipelineBench } from './pipeline-bench.js';
import { runRetentionBench } from './retention-bench.js';
import { setupScenarios } from './scenarios.js';
import { runWebhooksBench } from './webhooks-bench.js';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : undefined;
// Override when another bench runs on the same machine: BENCH_PORT=4000 uses 4001 and 4002 (analytics baseline 4003).
const PORT_BASE = Number(process.env.BENCH_PORT ?? 3900);
const BARE_PORT = PORT_BASE + 1;
const API_PORT = PORT_BASE + 2;

function start(script, env, execArgv = []) {
  const child = fork(script, [], {
    env: { ...process.env, ...env },
    execArgv,
    stdio: ['ignore', process.env.BENCH_SERVER_LOGS ? 'inherit' : 'ignore', 'inherit', 'ipc'],
  });
  return child;
}

async function waitFor(url, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not come up`);
}

/** `amount`: a fixed number of requests instead of a duration (for requests that take seconds each). */
function load({ url, method = 'GET', headers = {}, body, connections = CONNECTIONS, duration = DURATION, requests, timeout = 10, amount }) {
  return new Promise((resolve, reject) => {
    const options = { url, method, headers, body, connections, requests, timeout, ...(amount ? { amount } : { duration }) };
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

// How long a background flood runs before the neighbour's load is measured under it.
const FLOOD_RAMP_SECONDS = 3;

/** Measures `options` while `background` loads the server, started first and stopped after: a neighbour's view of a flood. */
async function loadDuring(options, background) {
  let flood;
  const flooded = new Promise((resolve, reject) => {
    // Flood requests may queue for their turn for seconds: a long timeout, so they count as answered, not as errors.
    flood = autocannon({ ...background, timeout: 60, duration: DURATION + FLOOD_RAMP_SECONDS + 30 }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
  await new Promise((resolve) => setTimeout(resolve, FLOOD_RAMP_SECONDS * 1000));
  const result = await load(options);
  flood.stop();
  return { result, flood: await flooded };
}

const bare = start('bench/bare-server.js', { PORT: String(BARE_PORT) });
const api = start(
  'dist/apps/api/src/main.js',
  {
    PORT: String(API_PORT),
    LOG_LEVEL: 'warn',
    DATA_DIR: process.env.BENCH_DATA_DIR ?? '.data/bench',
    ADMIN_API_KEY: process.env.ADMIN_API_KEY ?? 'bench-admin-key-0123456789abcdef0123456789',
    INTERNAL_API_SECRET: process.env.INTERNAL_API_SECRET ?? 'bench-internal-secret-0123456789abcdef01',
  },
  [
    ...(process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : []),
    // Node/V8 flags for the API alone (`--trace-gc`, `--max-semi-space-size=32`), to measure their effect.
    ...(process.env.BENCH_API_NODE_FLAGS?.split(' ').filter(Boolean) ?? []),
  ],
);
const stopAll = () => {
  bare.kill('SIGTERM');
  api.kill('SIGTERM');
};
process.on('SIGINT', () => {
  stopAll();
  process.exit(130);
});

try {
  await waitFor(`http://127.0.0.1:${BARE_PORT}/bare`);
  await waitFor(`http://127.0.0.1:${API_PORT}/health`);
  const base = `http://127.0.0.1:${API_PORT}`;
  const scenarios = await setupScenarios(base, {
    adminKey: process.env.ADMIN_API_KEY ?? 'bench-admin-key-0123456789abcdef0123456789',
    internalSecret: process.env.INTERNAL_API_SECRET ?? 'bench-internal-secret-0123456789abcdef01',
    dataDir: process.env.BENCH_DATA_DIR ?? '.data/bench',
    apiPid: api.pid,
  });
  const rows = [];
  const measured = [];
  // Warm both servers (JIT, pools, caches) before measuring.
  await load({ url: `http://127.0.0.1:${BARE_PORT}/bare`, duration: 2 });
  const baseline = await load({ url: `http://127.0.0.1:${BARE_PORT}/bare` });
  rows.push({ name: 'bare NestJS route (baseline)', result: baseline });
  for (const scenario of scenarios) {
    if (ONLY && !ONLY.test(scenario.name) && !(scenario.baselineFor && ONLY.test(scenario.baselineFor))) continue;
    if (scenario.measure) {
      measured.push({ ...scenario, result: await scenario.measure() });
      continue;
    }
    const url = scenario.url ?? base + scenario.path;
    await load({ ...scenario, url, duration: 2, ...(scenario.amount ? { amount: 1 } : {}) });
    const { result, flood } = scenario.during
      ? await loadDuring({ ...scenario, url }, { ...scenario.during, url: base + scenario.during.path })
      : { result: await load({ ...scenario, url }) };
    if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
      console.error(`! ${scenario.name}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts`);
    }
    rows.push({
      name: scenario.name,
      result,
      unit: scenario.unit,
      key: scenario.key,
      baselineFor: scenario.baselineFor,
      neighbourOf: scenario.neighbourOf,
      comparedTo: scenario.comparedTo,
      flood,
    });
  }
  // Completed requests over the run: autocannon's per-second average rounds slow requests (a 1000-event batch
  // takes seconds) down to a fraction of their real rate.
  const rate = (result) => result.requests.total / result.duration;
  const baseRps = rate(baseline);
  console.log(`\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
  console.log(`autocannon: ${CONNECTIONS} connections, ${DURATION} s per scenario, loopback; load generator shares the cores\n`);
  console.log('| scenario | req/s | p50 ms | p99 ms | non-2xx | ratio to bare |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const { name, result, unit } of rows) {
    const rps = rate(result);
    const extra = unit ? ` (${Math.round(rps * unit.perRequest).toLocaleString('en')} ${unit.name}/s)` : '';
    console.log(
      `| ${name} | ${Math.round(rps).toLocaleString('en')}${extra} | ${result.latency.p50} | ${result.latency.p99} | ${result.non2xx} | ${(rps / baseRps).toFixed(2)} |`,
    );
  }
  const exports = measured.filter((scenario) => scenario.table === 'export');
  if (exports.length > 0) {
    const mib = (bytes) => (bytes / 2 ** 20).toFixed(1);
    console.log(
      '\n| export | read | rate | seconds | API CPU s | API RSS before MiB | peak MiB | after MiB | growth MiB | tenant connections (in a transaction) |',
    );
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const { name, result, unit } of exports) {
      const { before, peak, after, cpu } = result.memory;
      const held = result.connections ? `${result.connections.open} (${result.connections.inTransaction})` : '';
      console.log(
        `| ${name} | ${result.count.toLocaleString('en')} ${unit} | ${Math.round(result.perSecond).toLocaleString('en')} ${unit}/s | ${result.seconds.toFixed(1)} | ${cpu.toFixed(1)} | ${mib(before)} | ${mib(peak)} | ${mib(after)} | ${mib(peak - before)} | ${held} |`,
      );
    }
  }
  const others = measured.filter((scenario) => scenario.table !== 'export');
  if (others.length > 0) {
    console.log('\n| measured without HTTP | rate | seconds |');
    console.log('|---|---:|---:|');
    for (const { name, result, unit } of others)
      console.log(
        `| ${name}${result.note ? ` (${result.note})` : ''} | ${Math.round(result.perSecond).toLocaleString('en')} ${unit}/s | ${result.seconds.toFixed(1)} |`,
      );
    const batch = rows.find((row) => row.key === 'batch');
    if (batch) {
      const ingested = rate(batch.result) * batch.unit.perRequest;
      for (const { name, result } of others) console.log(`batch ingest / ${name}: ${(ingested / result.perSecond).toFixed(2)}`);
    }
  }
  // Scenarios measured against their own baseline (same data, same run): how many times faster at p50.
  const compared = rows.filter((row) => row.baselineFor);
  if (compared.length > 0) {
    console.log('\n| endpoint | p50 ms | baseline p50 ms | baseline ÷ endpoint |');
    console.log('|---|---:|---:|---:|');
    for (const { baselineFor, result: baselineResult } of compared) {
      const endpoint = rows.find((row) => row.name === baselineFor);
      if (!endpoint) continue;
      const p50 = endpoint.result.latency.p50;
      console.log(`| ${baselineFor} | ${p50} | ${baselineResult.latency.p50} | ${(baselineResult.latency.p50 / Math.max(p50, 1)).toFixed(0)}× |`);
    }
  }
  // One read against another of the same route in the same run (a tenant-IdP token against a platform-IdP one).
  const pairs = rows.filter((row) => row.comparedTo);
  if (pairs.length > 0) {
    console.log('\n| scenario | req/s | compared to | its req/s | ratio |');
    console.log('|---|---:|---|---:|---:|');
    for (const { name, result, comparedTo } of pairs) {
      const other = rows.find((row) => row.name === comparedTo)?.result;
      if (other)
        console.log(`| ${name} | ${Math.round(rate(result))} | ${comparedTo} | ${Math.round(rate(other))} | ${(rate(result) / rate(other)).toFixed(2)} |`);
    }
  }
  // A tenant's read under another tenant's flood against the same read alone: p99 may at most double (or reach 50 ms).
  const neighbours = rows.filter((row) => row.neighbourOf);
  if (neighbours.length > 0) {
    console.log('\n| neighbour under a flood | p50 ms | p99 ms | p99 alone ms | p99 ÷ alone | bound ms | non-2xx | flood answers/s | flood 2xx | flood 503 |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const { name, result, neighbourOf, flood } of neighbours) {
      const alone = rows.find((row) => row.name === neighbourOf)?.result;
      if (!alone) continue;
      const bound = Math.max(2 * alone.latency.p99, 50);
      const within = result.latency.p99 <= bound && result.non2xx === 0 ? 'within' : 'OVER';
      console.log(
        `| ${name} | ${result.latency.p50} | ${result.latency.p99} | ${alone.latency.p99} | ${(result.latency.p99 / Math.max(alone.latency.p99, 1)).toFixed(2)} | ${bound} (${within}) | ${result.non2xx} | ${rate(flood).toFixed(1)} | ${flood['2xx']} | ${flood.statusCodeStats?.['503']?.count ?? 0} |`,
      );
    }
  }
  // The event pipeline's figures (both data shapes; minutes of set-up): BENCH_ONLY unset or naming it.
  if (!ONLY || ONLY.test('pipeline')) {
    const dataDir = process.env.BENCH_DATA_DIR ?? '.data/bench';
    await runPipelineBench(base, {
      adminKey: process.env.ADMIN_API_KEY ?? 'bench-admin-key-0123456789abcdef0123456789',
      databaseUrl: await databaseUrl(dataDir),
    });
  }
  // Webhook delivery (throughput, latency, a hanging receiver beside a fast one) and retention under ingest.
  const options = { adminKey: process.env.ADMIN_API_KEY ?? 'bench-admin-key-0123456789abcdef0123456789', dataDir: process.env.BENCH_DATA_DIR ?? '.data/bench' };
  if (!ONLY || ONLY.test('webhooks')) await runWebhooksBench(base, { ...options, databaseUrl: await databaseUrl(options.dataDir) });
  if (!ONLY || ONLY.test('retention')) await runRetentionBench(base, { ...options, databaseUrl: await databaseUrl(options.dataDir) });
} finally {
  stopAll();
}
