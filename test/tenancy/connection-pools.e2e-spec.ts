import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { adminKeyHeaders } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { TransactionProbeModule } from '../support/transaction-probe.js';
import { peakCheckedOut, waitForCheckedOut } from './connection-pools.support.js';

// DATABASE_POOL_SIZE 6: 2 shared connections and 4 tenant-bound ones, of which one tenant may hold 2,
// with 64 more of its requests waiting for them.
const TENANT_POOL_SIZE = 4;
const FAIR_SHARE = 2;
const QUEUE = 64;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('DATABASE_POOL_SIZE', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ DATABASE_POOL_SIZE: '6' }, undefined, [TransactionProbeModule]);
    for (const id of ['pooled', 'other', 'third']) {
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

  const slowQuery = (tenantId: string, pauseMs: number) => t.http.post('/test-probe/slow-query').set(adminKeyHeaders(tenantId)).send({ pauseMs });
  /** supertest sends a request only once something waits for its answer: this sends it now. */
  const sent = (request: ReturnType<typeof slowQuery>) => request.then((answer) => answer);

  /** The most tenant-bound connections in use at once while `count` slow queries of `tenantId` run in parallel (and nothing else). */
  async function concurrentSlowQueries(tenantId: string, count: number, pauseMs: number): Promise<number> {
    const { peak, result } = await peakCheckedOut(t, () => Promise.all(Array.from({ length: count }, () => slowQuery(tenantId, pauseMs))));
    expect(result.map((answer) => answer.status)).toEqual(Array(count).fill(201));
    return peak;
  }

  it('gives one tenant at most its share of the tenant-bound connections, and queues the requests beyond them without holding any', async () => {
    expect(await concurrentSlowQueries('pooled', 10, 100)).toBe(FAIR_SHARE);
    const [{ count }] = await t.db.sql<{ count: number }>(
      `SELECT count(*)::int AS count FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'admin-api-tenant'`,
    );
    expect(count).toBeLessThanOrEqual(TENANT_POOL_SIZE);
  });

  it('answers a tenant past its queue 503 tenant_busy with Retry-After, and serves another tenant meanwhile', async () => {
    const holders = [sent(slowQuery('pooled', 1500)), sent(slowQuery('pooled', 1500))];
    await waitForCheckedOut(t, FAIR_SHARE);
    const waiting = Array.from({ length: QUEUE + 3 }, () => sent(slowQuery('pooled', 0)));
    const neighbour = await slowQuery('other', 0);
    const answers = await Promise.all(waiting);
    expect(neighbour.status).toBe(201);
    expect((await Promise.all(holders)).map((answer) => answer.status)).toEqual([201, 201]);
    const refused = answers.filter((answer) => answer.status !== 201);
    expect(refused.map((answer) => [answer.status, answer.body.code, answer.headers['retry-after']])).toEqual(Array(3).fill([503, 'tenant_busy', '5']));
  });

  it("keeps a stranger's flood naming a tenant out of that tenant's queue: the stranger waits in a lane of its own", async () => {
    const stranger = { Authorization: `Bearer ${await t.issuer.sign('pool_stranger', { expiresIn: 3600 })}`, 'X-Organization-Id': 'pooled' };
    const holders = [sent(slowQuery('pooled', 1500)), sent(slowQuery('pooled', 1500))];
    await waitForCheckedOut(t, FAIR_SHARE);
    // In the tenant's lane these would fill its queue, and its own next request would be refused as tenant_busy.
    const flood = Array.from({ length: QUEUE + 8 }, () => sent(t.http.get('/v1/tenant').set(stranger)));
    const own = sent(slowQuery('pooled', 0));
    const strangerAnswers = await Promise.all(flood);
    expect((await own).status).toBe(201);
    expect((await Promise.all(holders)).map((answer) => answer.status)).toEqual([201, 201]);
    expect(strangerAnswers.filter((answer) => answer.status !== 403).map((answer) => [answer.status, answer.body.code])).toEqual([]);
  });

  it('drops a request whose client left while it waited for its share: it takes no place in the queue nor in the share', async () => {
    const holders = [sent(slowQuery('pooled', 1500)), sent(slowQuery('pooled', 1500))];
    await waitForCheckedOut(t, FAIR_SHARE);
    const abandoned = await Promise.all(
      Array.from({ length: QUEUE }, () =>
        slowQuery('pooled', 0)
          .timeout(300)
          .catch((error: Error) => error),
      ),
    );
    expect(abandoned.every((outcome) => outcome instanceof Error && 'timeout' in outcome)).toBe(true);
    await sleep(50); // for the server to see those sockets close
    // Had the abandoned requests kept their places in the queue, this one would be refused as tenant_busy.
    const next = sent(slowQuery('pooled', 0));
    expect((await Promise.all(holders)).map((answer) => answer.status)).toEqual([201, 201]);
    expect((await next).status).toBe(201);
    // Had any abandoned request kept a place in the share, fewer than two queries would run side by side.
    expect(await concurrentSlowQueries('pooled', 4, 200)).toBe(FAIR_SHARE);
  });

  it('drops a request whose client left while it waited for the pool itself, within its share', async () => {
    // Two tenants at their shares fill the pool: a third one's request is admitted, and then waits for a connection.
    const holders = ['pooled', 'pooled', 'other', 'other'].map((tenantId) => sent(slowQuery(tenantId, 1500)));
    await waitForCheckedOut(t, TENANT_POOL_SIZE);
    const abandoned = await slowQuery('third', 0)
      .timeout(300)
      .catch((error: Error) => error);
    expect(abandoned).toMatchObject({ timeout: 300 });
    expect((await Promise.all(holders)).map((answer) => answer.status)).toEqual([201, 201, 201, 201]);
    expect(await concurrentSlowQueries('third', 4, 200)).toBe(FAIR_SHARE);
  });
});
