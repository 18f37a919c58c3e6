import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { adminKeyHeaders } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { slowQueryBackends, TransactionProbeModule } from '../support/transaction-probe.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a request abandoned by its client mid-transaction', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({}, undefined, [TransactionProbeModule]);
    await t.db.sql(`CREATE TABLE probe_writes (tenant_id text NOT NULL, note text NOT NULL)`);
    await t.db.sql(`GRANT SELECT, INSERT ON probe_writes TO admin_api_app`);
    for (const id of ['first', 'second']) {
      await t.http
        .post('/v1/platform/tenants')
        .set(adminKeyHeaders())
        .send({ id, name: id, ownerUserId: `${id}_owner` })
        .expect(201);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  const slowTransaction = (tenantId: string, first: string, second: string, pauseMs: number) =>
    t.http.post('/test-probe/slow-transaction').set(adminKeyHeaders(tenantId)).send({ first, second, pauseMs });

  it('leaves its connection alone once handed back: the next request on it keeps its whole transaction', async () => {
    // The client of the first request gives up while its handler waits inside the transaction; the
    // connection goes back to the pool and the next request, on another tenant, gets it.
    const abandoned = slowTransaction('first', 'a1', 'a2', 400)
      .timeout(150)
      .catch((error: Error) => error);
    expect(await abandoned).toMatchObject({ timeout: 150 });
    await sleep(30);
    const next = await slowTransaction('second', 'b1', 'b2', 600);
    expect(next.status).toBe(201);
    await sleep(300);

    // Acknowledged: both writes of the second request. Abandoned: none of the first, which never committed.
    const rows = await t.db.sql<{ tenant_id: string; note: string }>(`SELECT tenant_id, note FROM probe_writes ORDER BY note`);
    expect(rows).toEqual([
      { tenant_id: 'second', note: 'b1' },
      { tenant_id: 'second', note: 'b2' },
    ]);
  });

  it('keeps its connection out of the pool until the query it left running is over', async () => {
    const abandoned = t.http.post('/test-probe/slow-query').set(adminKeyHeaders('first')).send({ pauseMs: 800 }).timeout(200);
    expect(await abandoned.catch((error: Error) => error)).toMatchObject({ timeout: 200 });
    await sleep(30);
    // The pool hands out its most recently returned connection first: had the busy one gone back, this is it.
    const next = await t.http.post('/test-probe/slow-query').set(adminKeyHeaders('second')).send({ pauseMs: 0 }).expect(201);
    expect(slowQueryBackends).toHaveLength(2);
    expect(next.body.pid).toBe(slowQueryBackends[1]);
    expect(next.body.pid).not.toBe(slowQueryBackends[0]);
  });
});
