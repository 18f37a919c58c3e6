// Export scenarios of `npm run bench` (BENCH_ONLY=export): GET /v1/events/export of a tenant holding
// BENCH_EXPORT_ROWS events, read by one client as fast as it can, as NDJSON and as CSV. Reported: rows/s and
// how much the API process's resident memory grew while it streamed (sampled from /proc, Linux only).
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { databaseUrl } from './event-scenarios.js';

const EXPORT_TENANT = 'bench_export';
const EXPORT_ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 1_000_000);
const RSS_SAMPLE_MS = 50;

export async function setupExportScenarios(base, { adminKey, dataDir, apiPid }) {
  const admin = { 'X-Admin-API-Key': adminKey, 'Content-Type': 'application/json' };
  const created = await fetch(`${base}/v1/platform/tenants`, {
    method: 'POST',
    headers: admin,
    body: JSON.stringify({ id: EXPORT_TENANT, name: EXPORT_TENANT, ownerUserId: 'bench_owner' }),
  });
  if (created.status !== 201 && created.status !== 409) throw new Error(`creating tenant ${EXPORT_TENANT}: ${created.status} ${await created.text()}`);
  await seedExportTenant(await databaseUrl(dataDir));
  const headers = { 'X-Admin-API-Key': adminKey, 'X-Organization-Id': EXPORT_TENANT };
  const size = `${EXPORT_ROWS.toLocaleString('en')} events`;
  return [
    {
      name: `GET /v1/events/export as NDJSON (${size}, one fast reader)`,
      unit: 'rows',
      measure: () => measureExport(base, headers, 'application/x-ndjson', apiPid),
    },
    { name: `GET /v1/events/export as CSV (${size}, one fast reader)`, unit: 'rows', measure: () => measureExport(base, headers, 'text/csv', apiPid) },
  ];
}

/** Events inserted straight into the event store once (kept in the bench data dir), spread over the last 29 days. */
async function seedExportTenant(url) {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const { rows } = await db.query('SELECT count(*)::int AS n FROM events WHERE tenant_id = $1', [EXPORT_TENANT]);
    const have = rows[0].n;
    if (have >= EXPORT_ROWS) return;
    console.error(`Inserting ${(EXPORT_ROWS - have).toLocaleString('en')} events into ${EXPORT_TENANT} (once)`);
    await db.query(
      `INSERT INTO events (tenant_id, event_id, ts, fingerprint, domainprint, user_id, domain, url, event_type, ip, user_agent, lat, lon, country, city,
                           session_id, campaign_source, campaign_medium, campaign_name)
       SELECT $1, 'exp_' || g, now() - interval '29 days' + (g * interval '29 days') / $3::int, 'fp_' || (g % 20011), 'dp_' || (g % 5003),
              'user_' || (g % 50021), 'shop.example.com', 'https://shop.example.com/products/' || (g % 997) || '?ref=bench',
              (ARRAY['page_view', 'login', 'signup', 'purchase', 'custom'])[1 + g % 5], ('203.0.113.' || (g % 250))::inet, 'Mozilla/5.0 (bench)',
              (g % 170) - 85, (g % 350) - 175, 'FR', 'Paris', 's_' || (g / 20),
              CASE WHEN g % 7 = 0 THEN 'newsletter' END, CASE WHEN g % 7 = 0 THEN 'email' END, CASE WHEN g % 7 = 0 THEN 'spring' END
       FROM generate_series($2::int + 1, $3::int) g`,
      [EXPORT_TENANT, have, EXPORT_ROWS],
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

/** Reads the whole export as fast as the socket allows, counting lines; samples the API's RSS meanwhile. */
async function measureExport(base, headers, accept, apiPid) {
  const before = await residentBytes(apiPid);
  let peak = before;
  const sampler = setInterval(() => {
    residentBytes(apiPid).then(
      (rss) => (peak = Math.max(peak, rss)),
      () => undefined,
    );
  }, RSS_SAMPLE_MS);
  const started = performance.now();
  let lines = 0;
  try {
    const res = await fetch(`${base}/v1/events/export`, { headers: { ...headers, Accept: accept } });
    if (res.status !== 200) throw new Error(`export answered ${res.status}: ${await res.text()}`);
    for await (const chunk of res.body) {
      for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, at + 1)) lines += 1;
    }
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  const rows = accept === 'text/csv' ? lines - 1 : lines;
  const mib = (bytes) => (bytes / 2 ** 20).toFixed(1);
  return {
    perSecond: rows / seconds,
    seconds,
    note: `${rows.toLocaleString('en')} rows; API RSS ${mib(before)} MiB before, peak ${mib(peak)} MiB, growth ${mib(peak - before)} MiB`,
  };
}
