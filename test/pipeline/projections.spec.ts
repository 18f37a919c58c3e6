import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { ClsModule } from '../../libs/common/src/cls.module.js';
import pg, { type Pool } from 'pg';
import { DatabaseModule, TenantDatabase, WORKER_POOL } from '../../libs/database/src/index.js';
import { IngestService } from '../../apps/api/src/pipeline/ingest.service.js';
import { PipelineModule } from '../../apps/api/src/pipeline/pipeline.module.js';
import { PipelineWorker } from '../../apps/api/src/pipeline/pipeline-worker.js';
import { createTestDatabase, type TestDatabase } from '../support/test-app.js';
import { revertAndReapply } from '../support/migrations.js';
import { CoarseTenantStatistics1795840000000 } from '../../libs/database/src/migrations/1795840000000-CoarseTenantStatistics.js';
import { StoredRiskAndSharingReads1795830000000 } from '../../libs/database/src/migrations/1795830000000-StoredRiskAndSharingReads.js';
import { DismissedIncidents1795860000000 } from '../../libs/database/src/migrations/1795860000000-DismissedIncidents.js';
import { CATCH_UP_CHUNK_EVENTS } from '../../apps/api/src/pipeline/pipeline-options.js';

const DAY_MS = 86_400_000;
const TENANT = 'medium_pipeline';
/** The risk weights as SPEC states them, and the span columns of `user_risk`. */
const WEIGHTS = [
  ['impossible_travel', 40],
  ['device_shared', 25],
  ['account_sharing', 20],
  ['velocity', 15],
] as const;
const SPANS = WEIGHTS.flatMap(([signal]) => [`${signal}_first`, `${signal}_last`]);
type RiskRow = Record<string, Date | string | number | null> & { user_id: string };

/**
 * The projections at table level, without HTTP: events accepted through the ingestion service, chunks
 * served one at a time by the worker (its loop is off), and the read models checked in SQL.
 */
describe('pipeline projections (medium: real PostgreSQL, no HTTP)', () => {
  let db: TestDatabase;
  let context: INestApplicationContext;
  let worker: PipelineWorker;

  const accept = (events: Array<Record<string, unknown>>) =>
    context
      .get(TenantDatabase)
      .runAsTenant(TENANT, () => context.get(IngestService, { strict: false }).ingestBatch({ events }, { publishable: false, requestIp: undefined }));
  /** Serves chunks until no tenant has events waiting; answers how many chunks ran. */
  const drain = async (chunkEvents?: number) => {
    let chunks = 0;
    while (await worker.serveOnce(chunkEvents)) chunks += 1;
    return chunks;
  };
  const one = async <T extends Record<string, unknown>>(sql: string, params: unknown[] = [TENANT]) => (await db.sql<T>(sql, params))[0];

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.sql(`INSERT INTO tenants (id, name) VALUES ($1, 'Medium')`, [TENANT]);
    @Module({ imports: [ClsModule, DatabaseModule.forRoot(db.url), PipelineModule.forRoot({ backlogMax: 1_000_000, worker: false, http: false })] })
    class ProjectionsModule {}
    context = await NestFactory.createApplicationContext(ProjectionsModule, { logger: false });
    worker = context.get(PipelineWorker, { strict: false });
  });
  afterAll(async () => {
    await context?.close();
    await db?.drop();
  });

  it('keeps device_shared by fingerprint: no row per user–device pair, every user of a shared device flagged', async () => {
    // A small device farm: 60 users × 12 devices, every event a fresh pair, over 5 days, out of order.
    const now = Date.now() - 60_000;
    const events = Array.from({ length: 600 }, (_, index) => ({
      eventId: `farm_${index}`,
      userId: `u${index % 60}`,
      fingerprint: `fp${(Math.floor(index / 60) * 7 + index) % 12}`,
      domain: 'shop.example.com',
      timestamp: new Date(now - ((index * 7919) % 5) * DAY_MS - index * 1000).toISOString(),
    }));
    expect(await accept(events)).toEqual({ accepted: 600, duplicates: 0 });
    // Chunks of 100: the state carried between chunks is what is under test.
    expect(await drain(100)).toBeGreaterThanOrEqual(6);

    const pairs = await one<{ n: number }>(`SELECT count(*)::int AS n FROM user_fingerprints WHERE tenant_id = $1`);
    expect(pairs.n).toBeGreaterThan(100);
    expect(await one(`SELECT count(*)::int AS n FROM signal_incidents WHERE tenant_id = $1 AND signal = 'device_shared'`)).toEqual({ n: 0 });
    expect(await one(`SELECT count(*)::int AS n FROM shared_fingerprints WHERE tenant_id = $1`)).toEqual({ n: 12 });
    expect(await one(`SELECT count(*)::int AS n FROM user_risk WHERE tenant_id = $1 AND device_shared_last IS NOT NULL`)).toEqual({ n: 60 });
    // One incident per fingerprint and day at most, however many events.
    const incidents = await one<{ n: number; keys: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT (subject_id, day))::int AS keys FROM incidents WHERE tenant_id = $1 AND signal = 'device_shared'`,
    );
    expect(incidents.n).toBe(incidents.keys);
    expect(incidents.n).toBeLessThanOrEqual(12 * 6);
    // Each fingerprint became shared at its second user's first event.
    const since = await db.sql<{ fingerprint: string; recorded: Date; expected: Date }>(
      `SELECT s.fingerprint, s.shared_since AS recorded,
              (SELECT first_seen FROM user_fingerprints uf WHERE uf.tenant_id = s.tenant_id AND uf.fingerprint = s.fingerprint
               ORDER BY first_seen, user_id OFFSET 1 LIMIT 1) AS expected
       FROM shared_fingerprints s WHERE s.tenant_id = $1`,
      [TENANT],
    );
    for (const row of since) expect([row.fingerprint, row.recorded.toISOString()]).toEqual([row.fingerprint, row.expected.toISOString()]);
    // A user's device_shared span covers every occurrence its pairs give now (and the earlier ones the
    // engine saw before a late sighting moved a fingerprint's sharing time: incidents keep history).
    const uncovered = await one(
      `SELECT count(*)::int AS n FROM user_risk us
       JOIN (SELECT uf.user_id, min(greatest(sf.shared_since, uf.last_seen)) AS first_at, max(greatest(sf.shared_since, uf.last_seen)) AS last_at
             FROM user_fingerprints uf JOIN shared_fingerprints sf ON sf.tenant_id = uf.tenant_id AND sf.fingerprint = uf.fingerprint
             WHERE uf.tenant_id = $1 GROUP BY uf.user_id) x ON x.user_id = us.user_id
       WHERE us.tenant_id = $1 AND (us.device_shared_first IS NULL OR us.device_shared_first > x.first_at OR us.device_shared_last < x.last_at)`,
    );
    expect(uncovered).toEqual({ n: 0 });
  });

  it('relabels every member when clusters merge across chunks, and keeps cluster totals equal to their members', async () => {
    // Ten separate user–device pairs, then one chunk linking them all through one device.
    const base = Date.now() - DAY_MS;
    const at = (minute: number) => new Date(base + minute * 60_000).toISOString();
    await accept(
      Array.from({ length: 10 }, (_, index) => ({ userId: `c_u${index}`, fingerprint: `c_fp${index}`, domain: 'a.example.com', timestamp: at(index) })),
    );
    await drain();
    await accept(
      Array.from({ length: 10 }, (_, index) => ({ userId: `c_u${index}`, fingerprint: 'c_hub', domain: 'a.example.com', timestamp: at(20 + index) })),
    );
    await drain();
    const clusters = await db.sql<{ cluster_id: string }>(
      `SELECT DISTINCT cluster_id::text FROM identity_cluster_members WHERE tenant_id = $1 AND node_id LIKE 'c\\_%'`,
      [TENANT],
    );
    expect(clusters).toHaveLength(1);
    const totals = await one(
      `SELECT c.user_count, c.fingerprint_count,
              (SELECT count(*)::int FROM identity_cluster_members m WHERE m.tenant_id = c.tenant_id AND m.cluster_id = c.cluster_id AND m.node_type = 'user') AS users,
              (SELECT count(*)::int FROM identity_cluster_members m WHERE m.tenant_id = c.tenant_id AND m.cluster_id = c.cluster_id AND m.node_type = 'fingerprint') AS fingerprints
       FROM identity_clusters c WHERE c.tenant_id = $1 AND c.cluster_id = $2`,
      [TENANT, clusters[0].cluster_id],
    );
    expect(totals).toEqual({ user_count: 10, fingerprint_count: 11, users: 10, fingerprints: 11 });
    // The folded clusters are gone.
    expect(await one(`SELECT count(*)::int AS n FROM identity_clusters WHERE tenant_id = $1 AND anchor LIKE 'c\\_%'`)).toEqual({ n: 1 });
  });

  it('refreshes the planner statistics of the tenant tables once a tenant reaches 5,000 events', async () => {
    const analysed = async () =>
      (await db.sql<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_user_tables WHERE relname = 'fingerprint_stats' AND last_analyze IS NOT NULL`))[0].n;
    expect(await analysed()).toBe(0);
    const now = Date.now() - 60_000;
    for (let batch = 0; batch < 5; batch += 1)
      await accept(
        Array.from({ length: 1000 }, (_, index) => ({
          eventId: `stat_${batch}_${index}`,
          userId: `s${index % 300}`,
          fingerprint: `sfp${index % 200}`,
          domain: 'a.example.com',
          timestamp: new Date(now - index * 1000).toISOString(),
        })),
      );
    await drain();
    expect(await analysed()).toBe(1);
  });

  it('serves a tenant alone with a deep backlog in catch-up chunks', async () => {
    const now = Date.now() - 60_000;
    for (let batch = 0; batch < CATCH_UP_CHUNK_EVENTS / 1000; batch += 1)
      await accept(
        Array.from({ length: 1000 }, (_, index) => ({
          eventId: `catchup_${batch}_${index}`,
          userId: `catchup${index % 500}`,
          fingerprint: `catchup_fp${index % 500}`,
          domain: 'a.example.com',
          timestamp: new Date(now - (batch * 1000 + index) * 1000).toISOString(),
        })),
      );
    expect(await drain()).toBe(1);
    expect(await one(`SELECT sum(event_count)::int AS n FROM end_users WHERE tenant_id = $1 AND user_id LIKE 'catchup%'`)).toEqual({
      n: CATCH_UP_CHUNK_EVENTS,
    });
  });

  it('goes on when the server ends a worker session that is checked out', async () => {
    const pool = context.get<Pool>(WORKER_POOL, { strict: false });
    const client = await pool.connect();
    const [{ pid }] = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
    await db.sql('SELECT pg_terminate_backend($1)', [pid]);
    await expect(client.query('SELECT 1')).rejects.toThrow();
    client.release(true);
    await accept([{ userId: 'k_a', fingerprint: 'k_fp', domain: 'a.example.com' }]);
    expect(await drain()).toBe(1);
    expect(await one(`SELECT count(*)::int AS n FROM events WHERE tenant_id = $1 AND user_id = 'k_a'`)).toEqual({ n: 1 });
  });

  /** Events of `${prefix}_${user}` for each user, all on the fingerprint `${prefix}_fp`, at one instant two days ago. */
  const twoDaysAgo = new Date(Date.now() - 2 * DAY_MS).toISOString();
  const onOneDevice = (prefix: string, users: string[]) =>
    accept(users.map((user) => ({ userId: `${prefix}_${user}`, fingerprint: `${prefix}_fp`, domain: 'a.example.com', timestamp: twoDaysAgo })));

  it('leaves occurrences of a dismissed incident out of risk while still counting them in the incident', async () => {
    await onOneDevice('d', ['a', 'b']);
    await drain();
    await db.sql(`UPDATE incidents SET status = 'dismissed' WHERE tenant_id = $1 AND subject_id = 'd_fp'`, [TENANT]);
    await onOneDevice('d', ['c']);
    await drain();
    expect(await one(`SELECT count(*)::int AS n FROM user_risk WHERE tenant_id = $1 AND user_id = 'd_c' AND last_at IS NOT NULL`)).toEqual({ n: 0 });
    expect(await one(`SELECT users, occurrences::int FROM incidents WHERE tenant_id = $1 AND subject_id = 'd_fp'`)).toEqual({
      users: ['d_a', 'd_b', 'd_c'],
      occurrences: 3,
    });
  });

  it('makes a triage wait for a chunk’s fold only, and folds with the status the triage committed meanwhile', async () => {
    await onOneDevice('l', ['a', 'b']);
    await drain();
    // A triage in progress: it holds the tenant's signals lock until it commits.
    const triage = new pg.Client({ connectionString: db.url });
    await triage.connect();
    try {
      await triage.query('BEGIN');
      await triage.query(`SELECT pg_advisory_xact_lock(hashtextextended('signals:' || $1, 0))`, [TENANT]);
      await onOneDevice('l', ['c']);
      const served = worker.serveOnce();
      let waiting: { pid: number } | undefined;
      for (let attempt = 0; attempt < 200 && !waiting; attempt += 1) {
        waiting = await one<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity
           WHERE datname = current_database() AND application_name = 'admin-api-worker' AND wait_event_type = 'Lock' AND wait_event = 'advisory'`,
          [],
        );
        if (!waiting) await new Promise((resolve) => setTimeout(resolve, 25));
      }
      // The chunk waits with its evidence statements done: they wrote (or tried to) into signal_incidents.
      expect(
        await one(
          `SELECT count(*)::int AS n FROM pg_locks WHERE pid = $1 AND relation = 'signal_incidents'::regclass AND mode = 'RowExclusiveLock' AND granted`,
          [waiting?.pid],
        ),
      ).toEqual({ n: 1 });
      await triage.query(`UPDATE incidents SET status = 'dismissed' WHERE tenant_id = $1 AND subject_id = 'l_fp'`, [TENANT]);
      await triage.query('COMMIT');
      expect(await served).toEqual({ tenantId: TENANT, events: 1, deadLetters: 0 });
    } finally {
      await triage.end();
    }
    expect(await one(`SELECT count(*)::int AS n FROM user_risk WHERE tenant_id = $1 AND user_id = 'l_c' AND last_at IS NOT NULL`)).toEqual({ n: 0 });
    expect(await one(`SELECT users, occurrences::int, status FROM incidents WHERE tenant_id = $1 AND subject_id = 'l_fp'`)).toEqual({
      users: ['l_a', 'l_b', 'l_c'],
      occurrences: 3,
      status: 'dismissed',
    });
  });

  it('keeps events, new users and incidents per UTC hour equal to a count over what is stored, whatever order events arrive in', async () => {
    // 40 users, 400 events over 3 days in arrival order unrelated to time: many users' first events arrive
    // after later ones, in other chunks, sometimes in the same hour as the recorded first event.
    const base = Math.floor((Date.now() - 4 * DAY_MS) / 3_600_000) * 3_600_000;
    const events = Array.from({ length: 400 }, (_, index) => ({
      eventId: `hours_${index}`,
      userId: index % 9 === 0 ? undefined : `h_u${(index * 7) % 40}`,
      fingerprint: `h_fp${index % 13}`,
      domain: 'a.example.com',
      timestamp: new Date(base + ((index * 7_919_003) % (3 * DAY_MS)) - (index % 40) * 60_000).toISOString(),
    }));
    // The fixture moves users: for some, a later chunk brings a first event in an earlier hour than any before.
    const hourOf = (index: number) => Math.floor(Date.parse(events[index].timestamp) / 3_600_000);
    const moved = new Set<string>();
    const earliest = new Map<string, number>();
    events.forEach((event, index) => {
      if (!event.userId) return;
      const known = earliest.get(event.userId);
      if (known !== undefined && hourOf(index) < known && Math.floor(index / 37) > 0) moved.add(event.userId);
      earliest.set(event.userId, Math.min(known ?? Infinity, hourOf(index)));
    });
    expect(moved.size).toBeGreaterThan(5);
    expect(await accept(events)).toEqual({ accepted: 400, duplicates: 0 });
    expect(await drain(37)).toBeGreaterThanOrEqual(11);
    const differences = await db.sql(
      `WITH expected AS (
         SELECT hour, sum(events)::int AS events, sum(new_users)::int AS new_users FROM (
           SELECT date_trunc('hour', ts, 'UTC') AS hour, count(*) AS events, 0 AS new_users FROM events WHERE tenant_id = $1 GROUP BY 1
           UNION ALL
           SELECT date_trunc('hour', min(ts), 'UTC'), 0, 1 FROM events WHERE tenant_id = $1 AND user_id IS NOT NULL GROUP BY user_id) x
         GROUP BY hour),
       kept AS (SELECT hour, events::int, new_users::int FROM analytics_hours WHERE tenant_id = $1 AND (events <> 0 OR new_users <> 0))
       (SELECT 'missing' AS side, * FROM expected EXCEPT SELECT 'missing', * FROM kept)
       UNION ALL
       (SELECT 'extra', * FROM kept EXCEPT SELECT 'extra', * FROM expected)`,
      [TENANT],
    );
    expect(differences).toEqual([]);
    // Incidents per signal and hour of their first event, as the incidents say (the device farm above moved some).
    const incidents = await db.sql(
      `(SELECT signal, date_trunc('hour', first_seen_at, 'UTC') AS hour, count(*)::int AS n FROM incidents WHERE tenant_id = $1 GROUP BY 1, 2
        EXCEPT SELECT signal, hour, incidents::int FROM incident_hours WHERE tenant_id = $1 AND incidents <> 0)
       UNION ALL
       (SELECT signal, hour, incidents::int FROM incident_hours WHERE tenant_id = $1 AND incidents <> 0
        EXCEPT SELECT signal, date_trunc('hour', first_seen_at, 'UTC'), count(*)::int FROM incidents WHERE tenant_id = $1 GROUP BY 1, 2)`,
      [TENANT],
    );
    expect(incidents).toEqual([]);
    // Users per hour of their latest occurrence, of any signal and of each, as user_risk says.
    const latest = `SELECT c.series, date_trunc('hour', c.at, 'UTC') AS hour, count(*)::int AS n
      FROM user_risk r CROSS JOIN LATERAL (VALUES ('any', r.last_at), ('impossible_travel', r.impossible_travel_last),
        ('device_shared', r.device_shared_last), ('account_sharing', r.account_sharing_last), ('velocity', r.velocity_last)) AS c(series, at)
      WHERE r.tenant_id = $1 AND c.at IS NOT NULL GROUP BY 1, 2`;
    const kept = `SELECT series, hour, users::int FROM risk_hours WHERE tenant_id = $1 AND users <> 0`;
    expect(await db.sql(`(${latest} EXCEPT ${kept}) UNION ALL (${kept} EXCEPT ${latest})`, [TENANT])).toEqual([]);
    const [flagged] = await db.sql<{ n: number }>(`SELECT count(*)::int AS n FROM user_risk WHERE tenant_id = $1 AND last_at IS NOT NULL`, [TENANT]);
    expect(flagged.n).toBeGreaterThan(50);
  });

  /** Every stored risk row of the tenant, and every fingerprint the account-sharing rollup keeps, as plain data. */
  const storedReads = async () => ({
    risk: await db.sql<RiskRow>(`SELECT user_id, ${SPANS.join(', ')}, risk_score, risk_score_expires_at FROM user_risk WHERE tenant_id = $1 ORDER BY user_id`, [
      TENANT,
    ]),
    fingerprints: await db.sql(`SELECT fingerprint, first_at, last_at FROM account_sharing_fingerprints WHERE tenant_id = $1 ORDER BY fingerprint`, [TENANT]),
  });

  it('stores each user’s 30-day risk score with its expiry, and the span of every fingerprint account-sharing evidence names', async () => {
    // Three devices within twenty minutes: account sharing, as of the first of them.
    const start = Date.now() - DAY_MS;
    await accept(
      ['s_fp1', 's_fp2', 's_fp3'].map((fingerprint, n) => ({
        userId: 's_sharer',
        fingerprint,
        domain: 'a.example.com',
        timestamp: new Date(start + n * 600_000).toISOString(),
      })),
    );
    await drain();
    const { risk, fingerprints } = await storedReads();
    // Every occurrence here is within the last 30 days: the score counts every signal the row has, and
    // expires 30 days after the oldest of their latest occurrences.
    const expected = risk.map((row) => {
      const lasts = WEIGHTS.filter(([signal]) => row[`${signal}_last`] !== null);
      const oldest = Math.min(...lasts.map(([signal]) => (row[`${signal}_last`] as Date).getTime()));
      return {
        user_id: row.user_id,
        risk_score: Math.min(
          100,
          lasts.reduce((sum, [, weight]) => sum + weight, 0),
        ),
        risk_score_expires_at: lasts.length === 0 ? Infinity : oldest + 30 * DAY_MS,
      };
    });
    const stored = risk.map((row) => ({
      user_id: row.user_id,
      risk_score: row.risk_score,
      risk_score_expires_at: row.risk_score_expires_at === 'infinity' ? Infinity : (row.risk_score_expires_at as Date).getTime(),
    }));
    expect(stored).toEqual(expected);
    expect(stored.find((row) => row.user_id === 's_sharer')).toEqual({ user_id: 's_sharer', risk_score: 20, risk_score_expires_at: start + 30 * DAY_MS });
    expect(fingerprints.filter((row) => String(row.fingerprint).startsWith('s_fp'))).toEqual(
      ['s_fp1', 's_fp2', 's_fp3'].map((fingerprint) => ({ fingerprint, first_at: new Date(start), last_at: new Date(start) })),
    );
    // Every fingerprint the recorded evidence names is kept, over at least the span of those occurrences.
    const uncovered = await db.sql(
      `SELECT fp.fingerprint FROM signal_incidents i CROSS JOIN LATERAL jsonb_array_elements_text(i.evidence->'fingerprints') AS fp(fingerprint)
       LEFT JOIN account_sharing_fingerprints f ON f.tenant_id = i.tenant_id AND f.fingerprint = fp.fingerprint
       WHERE i.tenant_id = $1 AND i.signal = 'account_sharing' AND (f.fingerprint IS NULL OR i.occurred_at NOT BETWEEN f.first_at AND f.last_at)`,
      [TENANT],
    );
    expect(uncovered).toEqual([]);
  });

  it('rebuilds the stored scores and the account-sharing fingerprints when their migration reverts and re-applies', async () => {
    const before = await storedReads();
    expect(before.risk.length).toBeGreaterThan(50);
    await revertAndReapply(db.url, new StoredRiskAndSharingReads1795830000000(), async (runner) => {
      const [column] = await runner.query(
        `SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'user_risk' AND column_name = 'risk_score'`,
      );
      expect(column).toEqual({ n: 0 });
    });
    const after = await storedReads();
    expect(after.risk).toEqual(before.risk);
    // Rebuilt from the evidence as it stands (the projection also kept the spans of evidence later replaced by stronger).
    expect(after.fingerprints).toEqual(
      await db.sql(
        `SELECT fp.fingerprint, min(i.occurred_at) AS first_at, max(i.occurred_at) AS last_at
         FROM signal_incidents i CROSS JOIN LATERAL jsonb_array_elements_text(i.evidence->'fingerprints') AS fp(fingerprint)
         WHERE i.tenant_id = $1 AND i.signal = 'account_sharing' GROUP BY fp.fingerprint ORDER BY fp.fingerprint COLLATE "C"`,
        [TENANT],
      ),
    );
    expect(after.fingerprints.length).toBeGreaterThan(3);
  });

  it('indexes dismissed incidents apart, and drops that index when its migration reverts', async () => {
    const indexed = async (runner?: { query: (sql: string) => Promise<Array<{ n: number }>> }) => {
      const sql = `SELECT count(*)::int AS n FROM pg_indexes WHERE indexname = 'incidents_dismissed_idx'`;
      const [row] = runner ? await runner.query(sql) : await db.sql<{ n: number }>(sql);
      return row.n;
    };
    expect(await indexed()).toBe(1);
    await revertAndReapply(db.url, new DismissedIncidents1795860000000(), async (runner) => {
      expect(await indexed(runner)).toBe(0);
    });
    expect(await indexed()).toBe(1);
  });

  it('refreshes tenant statistics from a coarse sample, and reverts to the default sample', async () => {
    const settings = async (runner?: { query: (sql: string) => Promise<Array<{ proconfig: string[] }>> }) => {
      const sql = `SELECT proconfig FROM pg_proc WHERE proname = 'refresh_tenant_statistics'`;
      const [row] = runner ? await runner.query(sql) : await db.sql<{ proconfig: string[] }>(sql);
      return row.proconfig;
    };
    expect(await settings()).toContain('default_statistics_target=20');
    await revertAndReapply(db.url, new CoarseTenantStatistics1795840000000(), async (runner) => {
      expect(await settings(runner)).not.toContain('default_statistics_target=20');
    });
    expect(await settings()).toContain('default_statistics_target=20');
  });
});
