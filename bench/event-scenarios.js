// Event scenarios of `npm run bench`: single and batch ingestion, users on a big tenant, and raw COPY
// baselines (a `measure()` taken without HTTP). Setup seeds the big tenant once with the seed command.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { DemoTraffic } from '../dist/apps/api/src/dev/demo-traffic.js';
import { DevIssuer } from '../dist/libs/auth/src/dev-issuer.js';
import { setupAnalyticsScenarios } from './analytics-scenarios.js';
import { copyIn } from './copy-in.js';

const BIG_TENANT = 'bench_big';
const INGEST_TENANT = 'bench_ingest';
const BIG_EVENTS = Number(process.env.BENCH_USERS_EVENTS ?? 1_000_000);
const COPY_ROWS = Number(process.env.BENCH_COPY_ROWS ?? 200_000);
const BATCH_CONNECTIONS = Number(process.env.BENCH_BATCH_CONNECTIONS ?? 8);
// Latency targets are read at a moderate load: with 50 connections p50 is mostly queueing (50 / req/s).
const READ_CONNECTIONS = Number(process.env.BENCH_READ_CONNECTIONS ?? 10);
const OWNER = 'bench_owner';

export async function setupEventScenarios(base, { adminKey, dataDir }) {
  const admin = { 'X-Admin-API-Key': adminKey, 'Content-Type': 'application/json' };
  for (const id of [BIG_TENANT, INGEST_TENANT]) {
    const res = await fetch(`${base}/v1/platform/tenants`, { method: 'POST', headers: admin, body: JSON.stringify({ id, name: id, ownerUserId: OWNER }) });
    if (res.status !== 201 && res.status !== 409) throw new Error(`creating tenant ${id}: ${res.status} ${await res.text()}`);
  }
  const db = new pg.Client({ connectionString: await databaseUrl(dataDir) });
  await db.connect();
  try {
    await seedBigTenant(db, dataDir);
  } finally {
    await db.end();
  }
  // The analytics endpoints on the big tenant, each next to the raw-events baseline (BENCH_ONLY=analytics).
  const analytics = await setupAnalyticsScenarios(base, { adminKey, databaseUrl: await databaseUrl(dataDir), tenant: BIG_TENANT, events: BIG_EVENTS });
  const owner = new DevIssuer(path.resolve(dataDir)).sign(OWNER);
  const dashboard = (tenant) => ({ Authorization: `Bearer ${owner}`, 'X-Organization-Id': tenant });
  const ingestHeaders = { ...admin, 'X-Organization-Id': INGEST_TENANT };
  const traffic = new DemoTraffic({ users: 100_000, runId: `b${Date.now().toString(36)}`, seed: Date.now() % 1_000_000 });
  const live = (count) =>
    JSON.stringify(count === 1 ? traffic.batch(1, Date.now() - 60_000, Date.now())[0] : { events: traffic.batch(count, Date.now() - 60_000, Date.now()) });
  return [
    {
      name: 'POST /v1/events (single event)',
      path: '/v1/events',
      method: 'POST',
      headers: ingestHeaders,
      requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, body: live(1) }) }],
    },
    {
      name: `POST /v1/events/batch (1000 events, ${BATCH_CONNECTIONS} connections)`,
      path: '/v1/events/batch',
      method: 'POST',
      headers: ingestHeaders,
      connections: BATCH_CONNECTIONS,
      unit: { name: 'events', perRequest: 1000 },
      key: 'batch',
      requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, body: live(1000) }) }],
    },
    {
      name: `GET /v1/users?limit=50 (${(BIG_EVENTS / 1e6).toLocaleString('en')}M events, dashboard JWT, ${READ_CONNECTIONS} connections)`,
      path: '/v1/users?limit=50',
      headers: dashboard(BIG_TENANT),
      connections: READ_CONNECTIONS,
    },
    {
      name: `GET /v1/users?sort=riskScore&limit=50 (same tenant, ${READ_CONNECTIONS} connections)`,
      path: '/v1/users?sort=riskScore&limit=50',
      headers: dashboard(BIG_TENANT),
      connections: READ_CONNECTIONS,
    },
    {
      name: `raw COPY of ${COPY_ROWS.toLocaleString('en')} such events into a copy of the events table (same indexes)`,
      key: 'copy',
      unit: 'events',
      measure: () => measureCopy(dataDir, true),
    },
    {
      name: `raw COPY of ${COPY_ROWS.toLocaleString('en')} such events into a bare table (no indexes)`,
      key: 'copy-bare',
      unit: 'events',
      measure: () => measureCopy(dataDir, false),
    },
    ...analytics,
  ];
}

/** The API's database: DATABASE_URL, else the embedded server the API runs on under the bench data dir. */
export async function databaseUrl(dataDir) {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const pid = await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8');
  return `postgres://postgres:postgres@127.0.0.1:${pid.split('\n')[3]}/postgres`;
}

/** Seeds the big tenant once (kept across runs in the bench data dir) through the seed command. */
async function seedBigTenant(db, dataDir) {
  const { rows } = await db.query('SELECT count(*)::int AS n FROM events WHERE tenant_id = $1', [BIG_TENANT]);
  const missing = BIG_EVENTS - rows[0].n;
  if (missing > 0) {
    console.error(`Seeding ${missing.toLocaleString('en')} events into ${BIG_TENANT} (once; kept in ${dataDir})`);
    const args = ['dist/apps/cli/src/main.js', 'seed', '--tenant', BIG_TENANT, '--events', String(missing), '--days', '30', '--seed', String(rows[0].n + 7)];
    const env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
    const code = await new Promise((resolve) => spawn(process.execPath, args, { env, stdio: ['ignore', 'inherit', 'inherit'] }).on('exit', resolve));
    if (code !== 0) throw new Error(`seeding ${BIG_TENANT} failed (${code})`);
  }
  // A bulk load is followed by VACUUM ANALYZE, as any operator would (autovacuum may be off or late).
  await db.query(
    'VACUUM ANALYZE events, end_users, fingerprint_stats, domainprint_stats, user_fingerprints, domainprint_users, domainprint_fingerprints, signal_incidents',
  );
}

/** The event columns the bench copies straight into PostgreSQL (the events table and the inbox share them). */
export const COPY_COLUMNS = [
  'tenant_id',
  'event_id',
  'ts',
  'lat',
  'lon',
  'fingerprint',
  'domainprint',
  'user_id',
  'domain',
  'url',
  'event_type',
  'ip',
  'user_agent',
  'country',
  'city',
  'session_id',
  'campaign_source',
  'campaign_medium',
  'campaign_name',
  'campaign_term',
  'campaign_content',
];

/** The same kind of rows the batch scenario sends, as COPY text, loaded by one connection in one COPY. */
async function measureCopy(dataDir, withIndexes) {
  const traffic = new DemoTraffic({ users: 100_000, runId: `c${Date.now().toString(36)}`, seed: 99 });
  const chunks = [];
  for (let done = 0; done < COPY_ROWS; done += 1000) {
    chunks.push(copyRows(INGEST_TENANT, traffic.batch(1000, Date.now() - 60_000, Date.now())));
  }
  const db = new pg.Client({ connectionString: await databaseUrl(dataDir) });
  await db.connect();
  const table = withIndexes ? 'bench_copy_events' : 'bench_copy_bare';
  try {
    await db.query(`DROP TABLE IF EXISTS ${table}`);
    await db.query(`CREATE TABLE ${table} (LIKE events INCLUDING DEFAULTS INCLUDING IDENTITY ${withIndexes ? 'INCLUDING INDEXES INCLUDING CONSTRAINTS' : ''})`);
    const started = performance.now();
    await copyIn(db, `COPY ${table} (${COPY_COLUMNS.join(', ')}) FROM STDIN`, chunks);
    const seconds = (performance.now() - started) / 1000;
    return { perSecond: COPY_ROWS / seconds, seconds };
  } finally {
    await db.query(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
    await db.end();
  }
}

function copyText(value) {
  if (value === undefined || value === null) return '\\N';
  return String(value).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** Events as COPY text in COPY_COLUMNS order; `defaultIp` stands in for events without an address. */
export function copyRows(tenantId, events, defaultIp = null) {
  const lines = events.map((e) =>
    [
      tenantId,
      e.eventId,
      e.timestamp,
      e.geo?.lat,
      e.geo?.lon,
      e.fingerprint,
      e.domainprint,
      e.userId,
      e.domain,
      e.url,
      e.eventType ?? 'page_view',
      e.ip ?? defaultIp,
      e.userAgent,
      e.geo?.country,
      e.geo?.city,
      e.sessionId,
      e.campaign?.source,
      e.campaign?.medium,
      e.campaign?.name,
      e.campaign?.term,
      e.campaign?.content,
    ]
      .map(copyText)
      .join('\t'),
  );
  return Buffer.from(`${lines.join('\n')}\n`);
}
