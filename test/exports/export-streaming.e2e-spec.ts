import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import pg from 'pg';
import { TextRowsQuery } from '../../libs/database/src/text-rows.query.js';
import { event, ingest } from '../support/events.js';
import { fetchExport, loopbackPort, ndjsonItems, slowExport, type SlowExport } from '../support/exports.js';
import { createTenantSession, type TenantSession } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const ROWS = 50_000;
const BATCH = 1000;
/** A reader that stops after this much keeps the server waiting with most of the export unread (it is ~20 MB). */
const PAUSE_AFTER_BYTES = 64 * 1024;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until `done` holds (at most ~20 s on a loaded machine); returns the last value. */
async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await probe();
  for (let attempt = 0; attempt < 200 && !done(value); attempt += 1) {
    await sleep(100);
    value = await probe();
  }
  return value;
}

describe('exports stream from a cursor, one per tenant', () => {
  let t: TestApp;
  let a: TenantSession;
  let b: TenantSession;
  let port: number;
  /** Tenant connections of this database holding an open transaction (a running or stalled export). */
  const openTransactions = async () =>
    Number(
      (
        await t.db.sql<{ n: string }>(
          `SELECT count(*) AS n FROM pg_stat_activity
           WHERE datname = current_database() AND application_name = 'admin-api-tenant' AND state LIKE 'idle in transaction%'`,
        )
      )[0].n,
    );
  const exportOf = (session: TenantSession, query: Record<string, string> = {}) => fetchExport(t, '/v1/events/export', session.as('viewer'), query);
  const startSlow = async (session: TenantSession): Promise<SlowExport> => {
    const slow = slowExport(port, '/v1/events/export', session.as('viewer'), PAUSE_AFTER_BYTES);
    expect(await slow.status).toBe(200);
    return slow;
  };

  beforeAll(async () => {
    t = await startTestApp();
    port = await loopbackPort(t);
    a = await createTenantSession(t, 'stream_a');
    b = await createTenantSession(t, 'stream_b');
    // Straight into the table the events list reads: a second apart over the last day, so all in the default window.
    await t.db.sql(
      `INSERT INTO events (tenant_id, event_id, ts, fingerprint, user_id, domain, url, event_type, lat, lon, country, city)
       SELECT $1, 'bulk_' || lpad(g::text, 6, '0'), now() - interval '1 day' + g * interval '1 second', 'fp_' || (g % 997), 'user_' || (g % 5003),
              'shop.example.com', 'https://shop.example.com/products/' || g || '?utm_source=newsletter',
              CASE WHEN g % 2 = 0 THEN 'page_view' ELSE 'login' END, (g % 180) - 90, (g % 360) - 180, 'FR', 'Paris'
       FROM generate_series(1, ${ROWS}) g`,
      [a.tenantId],
    );
    await t.db.sql('ANALYZE events');
    await ingest(t, b.tenantId, [event({ userId: 'b_user', fingerprint: 'fp_b' })]);
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  it('pulls rows in bounded batches as the client reads, stops pulling while it does not, and refuses a second export of the tenant meanwhile', async () => {
    const query = jest.spyOn(pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }, 'query');
    try {
      // The export's FETCHes go as TextRowsQuery submittables (their lines written into bytes as they arrive).
      const isFetch = (statement: unknown) => statement instanceof TextRowsQuery && statement.text.startsWith('FETCH');
      const fetches = () => query.mock.calls.filter(([statement]) => isFetch(statement)).length;
      const slow = await startSlow(a);
      // The server has filled the socket's buffers and waits: its transaction is open and idle, its FETCH count stands still.
      const stalled = await until(
        async () => {
          const before = fetches();
          await sleep(300);
          return { open: await openTransactions(), still: fetches() === before };
        },
        ({ open, still }) => open === 1 && still,
      );
      expect(stalled).toEqual({ open: 1, still: true });
      const pulledWhilePaused = fetches();
      expect(pulledWhilePaused).toBeGreaterThanOrEqual(1);
      // Well short of the whole export: what the kernel's socket buffers hold (a few MB on loopback) and a batch or two.
      expect(pulledWhilePaused).toBeLessThan((ROWS / BATCH) * 0.7);

      const second = await exportOf(a);
      expect([second.status, JSON.parse(second.body as string).code, second.headers['retry-after']]).toEqual([429, 'export_in_progress', '5']);
      const other = await exportOf(b);
      expect([other.status, ndjsonItems<{ userId: string }>(other.body as string).map((item) => item.userId)]).toEqual([200, ['b_user']]);

      expect(await slow.resume()).toBe(ROWS);
      // On the slow export's connection (the first to FETCH): one FETCH per 1,000 rows, plus the one that finds the end;
      // none returned more than a batch.
      const fetching = query.mock.calls.flatMap(([statement], index) => (isFetch(statement) ? [index] : []));
      const connection = query.mock.contexts[fetching[0]];
      const results = await Promise.all(
        fetching.filter((index) => query.mock.contexts[index] === connection).map((index) => (query.mock.results[index].value as TextRowsQuery).result),
      );
      expect(results.length).toBe(ROWS / BATCH + 1);
      expect(Math.max(...results.map((result) => result.rows))).toBe(BATCH);
      expect(results.reduce((sum, result) => sum + result.rows, 0)).toBe(ROWS);
    } finally {
      query.mockRestore();
    }
    expect(await until(openTransactions, (open) => open === 0)).toBe(0);
  });

  it('frees the lock and the connection when the client goes away mid-stream, every time', async () => {
    // More aborted exports than the tenant's share of connections: a leaked connection or admission slot would stall the last ones.
    for (let round = 0; round < 7; round += 1) {
      const started = await until(
        async () => {
          const slow = slowExport(port, '/v1/events/export', a.as('viewer'), PAUSE_AFTER_BYTES);
          const status = await slow.status;
          if (status !== 200) slow.abort();
          return { slow, status };
        },
        ({ status }) => status !== 429,
      );
      expect([round, started.status]).toEqual([round, 200]);
      started.slow.abort();
    }
    expect(await until(openTransactions, (open) => open === 0)).toBe(0);
    const next = await until(
      () => exportOf(a, { fingerprint: 'fp_1' }),
      (res) => res.status !== 429,
    );
    expect([next.status, ndjsonItems(next.body as string).length]).toEqual([200, 51]);
  });

  it('cuts the connection when the database fails mid-stream, so a truncated export never looks complete', async () => {
    const slow = await startSlow(a);
    expect(await until(openTransactions, (open) => open === 1)).toBe(1);
    // The export's session: the only tenant connection inside a transaction, fetching or waiting.
    const terminated = await t.db.sql<{ done: boolean }>(
      `SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = 'admin-api-tenant' AND xact_start IS NOT NULL`,
    );
    expect(terminated).toEqual([{ done: true }]);
    await expect(slow.resume()).rejects.toThrow(/aborted|socket hang up|ECONNRESET/);
    expect(slow.received()).toBeLessThan(20 * 1024 * 1024);
    // The broken connection was discarded, not handed to the next request.
    const next = await until(
      () => exportOf(a, { fingerprint: 'fp_3' }),
      (res) => res.status !== 429,
    );
    expect([next.status, ndjsonItems(next.body as string).length]).toEqual([200, 51]);
  });

  it('holds the lock for every instance on the database', async () => {
    const other = await startTestApp({}, { db: t.db, issuer: t.issuer });
    try {
      const slow = await startSlow(a);
      const refused = await other.http.get('/v1/events/export').set(a.as('viewer'));
      expect([refused.status, refused.body.code]).toEqual([429, 'export_in_progress']);
      const served = await other.http.get('/v1/events/export').set(b.as('viewer')).buffer(true);
      expect(served.status).toBe(200);
      slow.abort();
      const after = await until(
        async () => (await other.http.get('/v1/events/export').query({ fingerprint: 'fp_2' }).set(a.as('viewer')).buffer(true)).status,
        (status) => status !== 429,
      );
      expect(after).toBe(200);
    } finally {
      await other.close();
    }
  });
});
