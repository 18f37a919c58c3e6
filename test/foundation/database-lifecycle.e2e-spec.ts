import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { rm } from 'node:fs/promises';
import pg from 'pg';
import supertest from 'supertest';
import { createApp } from '../../apps/api/src/create-app.js';
import { DEV_ISSUER_TOKEN, type DevIssuer } from '../../libs/auth/src/index.js';
import { loadConfig } from '../../libs/config/src/index.js';
import { type EmbeddedDatabase, embeddedSharedBuffersMb, runMigrations, startEmbeddedPostgres } from '../../libs/database/src/index.js';

/** Uses a private embedded server so that stopping it affects no other suite. */
describe('database lifecycle', () => {
  const dataDir = `.data/test-lifecycle-${process.pid}`;
  let database: EmbeddedDatabase;

  beforeAll(async () => {
    database = await startEmbeddedPostgres(`${dataDir}/postgres`);
  });
  afterAll(async () => {
    await database.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('applies every migration to an empty database, with RLS forced on tenant tables', async () => {
    const applied = await runMigrations(database.url);
    expect(applied.length).toBeGreaterThan(0);
    expect(await runMigrations(database.url)).toEqual([]);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>(
      `SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class WHERE relname IN ('tenants', 'memberships') ORDER BY relname`,
    );
    const buffers = await client.query<{ mb: number }>(`SELECT (setting::bigint * 8 / 1024)::int AS mb FROM pg_settings WHERE name = 'shared_buffers'`);
    await client.end();
    expect(buffers.rows[0].mb).toBe(embeddedSharedBuffersMb());
    expect(rows).toEqual([
      { relname: 'memberships', relrowsecurity: true, relforcerowsecurity: true },
      { relname: 'tenants', relrowsecurity: true, relforcerowsecurity: true },
    ]);
  });

  it('answers 503 with Retry-After while the database is down, and recovers by itself', async () => {
    const app = await createApp(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', DATA_DIR: dataDir }), database.url);
    const http = supertest(app.getHttpServer());
    try {
      await http.get('/health').expect(200);
      await database.stop();
      const down = await http.get('/health');
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({ status: 'error', db: 'down' });
      expect(down.headers['retry-after']).toBeDefined();
      await http.get('/health/live').expect(200);
      const token = app.get<DevIssuer>(DEV_ISSUER_TOKEN).sign('user_anyone');
      const tenantRoute = await http.get('/v1/members').set({ Authorization: `Bearer ${token}`, 'X-Organization-Id': 'demo' });
      expect(tenantRoute.status).toBe(503);
      expect(tenantRoute.headers['retry-after']).toBeDefined();
      expect(tenantRoute.body).toEqual({
        statusCode: 503,
        error: 'Service Unavailable',
        code: 'database_unavailable',
        message: 'Database unavailable, retry shortly',
        requestId: expect.any(String),
      });
      database = await startEmbeddedPostgres(`${dataDir}/postgres`, { port: database.port });
      await http.get('/health').expect(200);
    } finally {
      await app.close();
    }
  });
});
