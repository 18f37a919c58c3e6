// Retention in `npm run bench` (BENCH_ONLY=retention): RETENTION_EVENTS events (default 1M) older than the
// tenant's retentionDays are copied straight into the events table (COPY), then a retention run is queued
// (POST /v1/tenant/retention/run) while a client keeps ingesting fresh batches of the same tenant. Printed:
// the run's deletion rate (from the job's start and finish), the longest lock wait seen in the database
// (pg_locks.waitstart, sampled every 10 ms) of any backend but the run's own, and the ingest requests'
// latency during the run.
import pg from 'pg';
import { DemoTraffic } from '../dist/apps/api/src/dev/demo-traffic.js';
import { copyIn } from './copy-in.js';
import { COPY_COLUMNS, copyRows } from './event-scenarios.js';

const TENANT = 'bench_retention';
const EVENTS = Number(process.env.RETENTION_EVENTS ?? 1_000_000);
const COPY_CHUNK = 100_000;
const INGEST_BATCH = 100;
const INGEST_CLIENTS = 2;
const SAMPLE_MS = 10;
const DAY_MS = 86_400_000;

async function call(base, path, { method = 'GET', headers = {}, body } = {}) {
  const res = await fetch(base + path, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: body && JSON.stringify(body) });
  if (res.status >= 400 && res.status !== 409) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
  return res.status === 409 ? undefined : res.json();
}

/** Copies `count` events dated 400 to 700 days ago (beyond the default retentionDays of 365). */
async function copyOldEvents(db, count) {
  const traffic = new DemoTraffic({ users: 50_000, runId: `r${Date.now().toString(36)}`, seed: 11 });
  const end = Date.now() - 400 * DAY_MS;
  for (let done = 0; done < count; done += COPY_CHUNK) {
    const size = Math.min(COPY_CHUNK, count - done);
    const chunks = [];
    for (let at = 0; at < size; at += 1000) chunks.push(copyRows(TENANT, traffic.batch(Math.min(1000, size - at), end - 300 * DAY_MS, end), '127.0.0.1'));
    await copyIn(db, `COPY events (${COPY_COLUMNS.join(', ')}) FROM STDIN`, chunks);
  }
  await db.query('ANALYZE events');
}

/** Samples lock waits of every backend but the retention run's deletes until stopped: the longest, and what waited. */
function sampleLockWaits(db) {
  let longest = { ms: 0, query: null };
  let stopped = false;
  const done = (async () => {
    while (!stopped) {
      const { rows } = await db.query(
        `SELECT (extract(epoch FROM clock_timestamp() - l.waitstart) * 1000)::float8 AS ms, left(a.query, 80) AS query
         FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
         WHERE NOT l.granted AND l.waitstart IS NOT NULL AND a.datname = current_database() AND a.pid <> pg_backend_pid()
           AND a.query NOT LIKE 'DELETE FROM events%'`,
      );
      for (const row of rows) if (row.ms > longest.ms) longest = { ms: row.ms, query: row.query.replace(/\s+/g, ' ') };
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
    }
  })();
  return async () => {
    stopped = true;
    await done;
    return longest;
  };
}

/** Posts fresh 100-event batches from INGEST_CLIENTS clients until stopped; answers every request's latency (ms). */
function ingestContinuously(base, headers) {
  const traffic = new DemoTraffic({ users: 20_000, runId: `ri${Date.now().toString(36)}`, seed: 5 });
  const latencies = [];
  let stopped = false;
  const client = async () => {
    while (!stopped) {
      const body = { events: traffic.batch(INGEST_BATCH, Date.now() - 60_000, Date.now()) };
      const started = performance.now();
      await call(base, '/v1/events/batch', { method: 'POST', headers, body });
      latencies.push(performance.now() - started);
    }
  };
  const clients = Array.from({ length: INGEST_CLIENTS }, client);
  return async () => {
    stopped = true;
    await Promise.all(clients);
    return latencies.sort((a, b) => a - b);
  };
}

export async function runRetentionBench(base, { adminKey, databaseUrl }) {
  const db = new pg.Client({ connectionString: databaseUrl });
  const sampler = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  await sampler.connect();
  const headers = { 'X-Admin-API-Key': adminKey, 'X-Organization-Id': TENANT };
  try {
    await call(base, '/v1/platform/tenants', {
      method: 'POST',
      headers: { 'X-Admin-API-Key': adminKey },
      body: { id: TENANT, name: 'Retention', ownerUserId: 'bench_owner' },
    });
    const copyStarted = performance.now();
    await copyOldEvents(db, EVENTS);
    const copySeconds = (performance.now() - copyStarted) / 1000;

    const stopIngest = ingestContinuously(base, headers);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const stopSampling = sampleLockWaits(sampler);
    const { jobId } = await call(base, '/v1/tenant/retention/run', { method: 'POST', headers });
    let job;
    do {
      await new Promise((resolve) => setTimeout(resolve, 250));
      job = await call(base, `/v1/jobs/${jobId}`, { headers });
    } while (job.status === 'queued' || job.status === 'running');
    const longest = await stopSampling();
    const latencies = await stopIngest();
    if (job.status !== 'succeeded') throw new Error(`retention job ${job.status}: ${job.error}`);
    const deleted = job.result.deleted.events;
    const seconds = (Date.parse(job.finishedAt) - Date.parse(job.startedAt)) / 1000;
    const at = (q) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]);

    console.log('\n| retention under ingest | value |');
    console.log('|---|---:|');
    console.log(`| old events copied in (COPY) | ${EVENTS.toLocaleString('en')} in ${copySeconds.toFixed(1)} s |`);
    console.log(
      `| events deleted by the run | ${deleted.toLocaleString('en')} in ${seconds.toFixed(1)} s (${Math.round(deleted / seconds).toLocaleString('en')}/s) |`,
    );
    console.log(
      `| longest lock wait of another backend (sampled every ${SAMPLE_MS} ms) | ${Math.round(longest.ms)} ms${longest.query ? ` (${longest.query})` : ''} |`,
    );
    console.log(
      `| ingest during the run: ${INGEST_CLIENTS} clients × ${INGEST_BATCH}-event batches | ${latencies.length} requests, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms |`,
    );
  } finally {
    await sampler.end();
    await db.end();
  }
}
