// Export scenarios of `npm run bench` (BENCH_ONLY=export): GET /v1/events/export of two tenants holding
// BENCH_EXPORT_ROWS events each, one per data shape (realistic traffic, a device farm), read by one client as fast
// as it can, as NDJSON and as CSV; then one client reading 1 KB/s for BENCH_SLOW_SECONDS. Reported: rows/s, the API
// process's resident memory before, at its peak and after (sampled from /proc, Linux only), and for the slow
// reader the tenant connections the API held meanwhile.
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import pg from 'pg';
import { databaseUrl } from './event-scenarios.js';

const EXPORT_ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 1_000_000);
/** `realistic`, `farm` or both (comma-separated). */
const EXPORT_SHAPES = (process.env.BENCH_EXPORT_SHAPES ?? 'realistic,farm').split(',');
/** 0 leaves the slow reader out. */
const SLOW_SECONDS = Number(process.env.BENCH_SLOW_SECONDS ?? 20);
const SLOW_BYTES_PER_SECOND = 1024;
const RSS_SAMPLE_MS = 50;
/** How long after an export ends its "after" RSS is read: time for the socket and the pool to settle. */
const SETTLE_MS = 1000;

/**
 * The rows of each shape (parameters: tenant, first and last row number, total). Realistic: time-ordered, one
 * device per user, a few cities. Device farm: every event a fresh user–device pair from 50k users × 20k devices,
 * timestamps over 29 days in random order (so the export's time order reads the heap out of order), the location
 * jumping between cities.
 */
const SHAPES = [
  {
    name: 'realistic',
    key: 'realistic',
    tenant: 'bench_export',
    select: `
      SELECT $1, 'exp_' || g, now() - interval '29 days' + (g * interval '29 days') / $3::int, 'fp_' || (g % 50021), 'dp_' || (g % 50021),
             'user_' || (g % 50021), 'shop.example.com', 'https://shop.example.com/products/' || (g % 997) || '?ref=bench',
             (ARRAY['page_view', 'login', 'signup', 'purchase', 'custom'])[1 + g % 5], ('203.0.113.' || (g % 250))::inet, 'Mozilla/5.0 (bench)',
             48.85 + (g % 7) * 0.01, 2.35 + (g % 11) * 0.01, 'FR', 'Paris', 's_' || (g / 20),
             CASE WHEN g % 7 = 0 THEN 'newsletter' END, CASE WHEN g % 7 = 0 THEN 'email' END, CASE WHEN g % 7 = 0 THEN 'spring' END
      FROM generate_series($2::int + 1, $3::int) g`,
  },
  {
    name: 'device farm',
    key: 'farm',
    tenant: 'bench_export_farm',
    select: `
      SELECT $1, 'farm_' || g, now() - interval '29 days' + random() * interval '29 days', 'fp_' || (hashint4(g) & 32767) % 20000,
             'dp_' || (hashint4(g + 1) & 32767) % 5000, 'user_' || (hashint4(g + 2) & 65535) % 50000, 'shop.example.com',
             'https://shop.example.com/checkout?step=' || (g % 3), (ARRAY['login', 'signup', 'purchase'])[1 + g % 3],
             ('198.51.' || (g % 200) || '.' || (g % 250))::inet, 'Mozilla/5.0 (farm ' || (g % 97) || ')',
             c.lat, c.lon, c.country, c.city, 's_farm_' || g, NULL, NULL, NULL
      FROM generate_series($2::int + 1, $3::int) g
      JOIN (VALUES (0, 48.85, 2.35, 'FR', 'Paris'), (1, 40.71, -74.0, 'US', 'New York'), (2, 35.68, 139.69, 'JP', 'Tokyo'),
                   (3, -33.87, 151.21, 'AU', 'Sydney'), (4, -23.55, -46.63, 'BR', 'São Paulo')) c(k, lat, lon, country, city) ON c.k = g % 5`,
  },
];

export async function setupExportScenarios(base, { adminKey, dataDir, apiPid }) {
  const url = await databaseUrl(dataDir);
  const admin = { 'X-Admin-API-Key': adminKey, 'Content-Type': 'application/json' };
  const size = `${EXPORT_ROWS.toLocaleString('en')} events`;
  const scenarios = [];
  const shapes = SHAPES.filter(({ key }) => EXPORT_SHAPES.includes(key));
  for (const shape of shapes) {
    const created = await fetch(`${base}/v1/platform/tenants`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ id: shape.tenant, name: shape.tenant, ownerUserId: 'bench_owner' }),
    });
    if (created.status !== 201 && created.status !== 409) throw new Error(`creating tenant ${shape.tenant}: ${created.status} ${await created.text()}`);
    await seedExportTenant(url, shape);
    const headers = { 'X-Admin-API-Key': adminKey, 'X-Organization-Id': shape.tenant };
    for (const [format, accept] of [
      ['NDJSON', 'application/x-ndjson'],
      ['CSV', 'text/csv'],
    ])
      scenarios.push({
        name: `GET /v1/events/export as ${format} (${size}, ${shape.name}, one fast reader)`,
        unit: 'rows',
        table: 'export',
        measure: () => measureExport(base, headers, accept, apiPid),
      });
  }
  if (SLOW_SECONDS === 0 || shapes.length === 0) return scenarios;
  const slowHeaders = { 'X-Admin-API-Key': adminKey, 'X-Organization-Id': shapes[0].tenant };
  scenarios.push({
    name: `GET /v1/events/export as NDJSON (${size}, ${shapes[0].name}, one reader at 1 KB/s for ${SLOW_SECONDS} s)`,
    unit: 'bytes',
    table: 'export',
    measure: () => measureSlowExport(base, slowHeaders, apiPid, url),
  });
  return scenarios;
}

/** Events inserted straight into the event store once (kept in the bench database). */
async function seedExportTenant(url, shape) {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const { rows } = await db.query('SELECT count(*)::int AS n FROM events WHERE tenant_id = $1', [shape.tenant]);
    const have = rows[0].n;
    if (have >= EXPORT_ROWS) return;
    console.error(`Inserting ${(EXPORT_ROWS - have).toLocaleString('en')} ${shape.name} events into ${shape.tenant} (once)`);
    await db.query(
      `INSERT INTO events (tenant_id, event_id, ts, fingerprint, domainprint, user_id, domain, url, event_type, ip, user_agent, lat, lon, country, city,
                           session_id, campaign_source, campaign_medium, campaign_name) ${shape.select}`,
      [shape.tenant, have, EXPORT_ROWS],
    );
    await db.query('VACUUM ANALYZE events');
  } finally {
    await db.end();
  }
}

async function residentBytes(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) * 1024;
}

/** User and system CPU seconds the process has used (/proc/<pid>/stat, in clock ticks of 1/100 s). */
async function cpuSeconds(pid) {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * Samples the API's RSS every RSS_SAMPLE_MS until `stop()`, which resolves with before, peak and (SETTLE_MS later)
 * after, and the CPU seconds it used until then: unlike rows/s, CPU per row hardly moves when other work shares the cores.
 */
async function apiUsage(apiPid) {
  const before = await residentBytes(apiPid);
  const cpuBefore = await cpuSeconds(apiPid);
  let peak = before;
  const sampler = setInterval(() => {
    residentBytes(apiPid).then(
      (rss) => (peak = Math.max(peak, rss)),
      () => undefined,
    );
  }, RSS_SAMPLE_MS);
  return {
    stop: async () => {
      const cpu = (await cpuSeconds(apiPid)) - cpuBefore;
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      clearInterval(sampler);
      const after = await residentBytes(apiPid);
      return { before, peak: Math.max(peak, after), after, cpu };
    },
  };
}

/** Reads the whole export as fast as the socket allows, counting lines; samples the API's RSS meanwhile. */
async function measureExport(base, headers, accept, apiPid) {
  const usage = await apiUsage(apiPid);
  const started = performance.now();
  let lines = 0;
  let seconds;
  let memory;
  try {
    // node:http rather than fetch: the reader shares the cores with the API, and web streams cost it more per byte.
    await new Promise((resolve, reject) => {
      const request = http.get(`${base}/v1/events/export`, { headers: { ...headers, Accept: accept } }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`export answered ${res.statusCode}`));
        res.on('data', (chunk) => {
          for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, at + 1)) lines += 1;
        });
        res.on('end', resolve);
        res.on('error', reject);
      });
      request.on('error', reject);
    });
  } finally {
    seconds = (performance.now() - started) / 1000;
    memory = await usage.stop();
  }
  const rows = accept === 'text/csv' ? lines - 1 : lines;
  return { perSecond: rows / seconds, seconds, count: rows, memory };
}

/**
 * One export read at SLOW_BYTES_PER_SECOND over a raw socket reading into a 1 KB buffer (one read per second), for
 * SLOW_SECONDS, then dropped. The kernel's buffers fill within the first second; from then on the API must wait.
 * Reported: RSS before, at its peak and after; the tenant connections open (and those inside a transaction) at most.
 */
async function measureSlowExport(base, headers, apiPid, url) {
  const db = new pg.Client({ connectionString: url, application_name: 'bench-export-probe' });
  await db.connect();
  const connections = { open: 0, inTransaction: 0 };
  const probe = async () => {
    const { rows } = await db.query(
      `SELECT count(*)::int AS open, count(*) FILTER (WHERE xact_start IS NOT NULL)::int AS in_transaction
       FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'admin-api-tenant'`,
    );
    connections.open = Math.max(connections.open, rows[0].open);
    connections.inTransaction = Math.max(connections.inTransaction, rows[0].in_transaction);
  };
  const usage = await apiUsage(apiPid);
  const { hostname, port } = new URL(base);
  let received = 0;
  let head = '';
  const started = performance.now();
  let memory;
  try {
    await new Promise((resolve, reject) => {
      const socket = net.connect({
        host: hostname,
        port: Number(port),
        onread: {
          buffer: Buffer.alloc(SLOW_BYTES_PER_SECOND),
          callback: (bytes, buffer) => {
            if (received === 0) head = buffer.toString('latin1', 0, bytes).split('\r\n')[0];
            received += bytes;
            setTimeout(() => socket.resume(), 1000);
            return false;
          },
        },
      });
      socket.on('error', reject);
      socket.on('close', resolve);
      socket.write(
        `GET /v1/events/export HTTP/1.1\r\nHost: ${hostname}\r\nAccept: application/x-ndjson\r\nConnection: close\r\n` +
          Object.entries(headers)
            .map(([name, value]) => `${name}: ${value}\r\n`)
            .join('') +
          '\r\n',
      );
      const probes = setInterval(() => probe().catch(reject), 1000);
      setTimeout(() => {
        clearInterval(probes);
        socket.destroy();
      }, SLOW_SECONDS * 1000);
    });
  } finally {
    memory = await usage.stop();
    await db.end();
  }
  if (!/^HTTP\/1\.1 200/.test(head)) throw new Error(`slow export answered ${head}`);
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: received / seconds, seconds, count: received, memory, connections };
}
