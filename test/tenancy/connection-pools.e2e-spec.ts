import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { adminKeyHeaders } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { slowQueryBackends, TransactionProbeModule } from '../support/transaction-probe.js';

describe('DATABASE_POOL_SIZE', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ DATABASE_POOL_SIZE: '6' }, undefined, [TransactionProbeModule]);
    await t.http.post('/v1/platform/tenants').set(adminKeyHeaders()).send({ id: 'pooled', name: 'pooled', ownerUserId: 'pooled_owner' }).expect(201);
  });
  afterAll(async () => {
    await t.close();
  });

  it('caps the tenant-bound connections at two thirds of it, and queues the requests beyond them', async () => {
    const before = slowQueryBackends.length;
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => t.http.post('/test-probe/slow-query').set(adminKeyHeaders('pooled')).send({ pauseMs: 100 })),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(201));
    expect(new Set(slowQueryBackends.slice(before)).size).toBeLessThanOrEqual(4);
    const [{ count }] = await t.db.sql<{ count: number }>(
      `SELECT count(*)::int AS count FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'admin-api-tenant'`,
    );
    expect(count).toBeLessThanOrEqual(4);
  });
});
