import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import supertest from 'supertest';
import { freePort } from '../support/free-port.js';
import { adminKeyHeaders } from '../support/session.js';
import { ADMIN_API_KEY, createTestDatabase, INTERNAL_API_SECRET, startTestApp, type TestApp, type TestDatabase } from '../support/test-app.js';
import { createToken, validateToken } from '../support/tokens.js';

/** Every flow a secret takes part in: create, use as a key, validate, exchange, use the JWT, rotate, revoke. */
async function exerciseTokens(http: ReturnType<typeof supertest>, tenantId: string): Promise<string[]> {
  await http
    .post('/v1/platform/tenants')
    .set(adminKeyHeaders())
    .send({ id: tenantId, name: tenantId, ownerUserId: `${tenantId}_owner` })
    .expect(201);
  const t = { http } as TestApp;
  const secret = await createToken(t, adminKeyHeaders(tenantId), { scopes: ['events:read', 'analytics:read'] });
  const publishable = await createToken(t, adminKeyHeaders(tenantId), { kind: 'publishable' });
  await http.get('/v1/members').set({ 'X-API-Key': secret.token }).expect(403);
  await http.get('/v1/members').set({ 'X-API-Key': publishable.token }).expect(403);
  await validateToken(t, secret.token).expect(200);
  await validateToken(t, publishable.token, { 'Cache-Control': 'no-cache' }).expect(200);
  const jwt = (await http.post('/v1/auth/token').send({ apiKey: secret.token }).expect(200)).body.token as string;
  await http
    .get('/v1/members')
    .set({ Authorization: `Bearer ${jwt}` })
    .expect(403);
  await validateToken(t, jwt).expect(200);
  await http.post('/v1/auth/token').send({ apiKey: publishable.token }).expect(401);
  await http
    .post('/v1/tokens')
    .set(adminKeyHeaders(tenantId))
    .send({ name: 'x', kind: 'secret', scopes: ['events:read'], token: secret.token })
    .expect(400);
  const rotated = (await http.post(`/v1/tokens/${secret.id}/rotate`).set(adminKeyHeaders(tenantId)).send({ graceSeconds: 60 }).expect(201)).body
    .token as string;
  await http.delete(`/v1/tokens/${publishable.id}`).set(adminKeyHeaders(tenantId)).expect(204);
  await validateToken(t, publishable.token).expect(401);
  await http.get('/v1/members').set({ 'X-API-Key': publishable.token }).expect(401);
  return [secret.token, publishable.token, rotated, jwt];
}

describe('token secrecy', () => {
  describe('in the database', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(async () => {
      await t.close();
    });

    it('stores only SHA-256 hashes and display prefixes: no plaintext anywhere', async () => {
      const secrets = await exerciseTokens(t.http, 'secrecy_db');
      const tables = await t.db.sql<{ name: string }>(
        `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables WHERE schemaname IN ('public', 'app_private')`,
      );
      expect(tables.map((table) => table.name)).toEqual(expect.arrayContaining(['public.api_tokens', 'public.api_token_secrets', 'public.audit_log']));
      let dump = '';
      for (const { name } of tables) dump += (await t.db.sql<{ row: string }>(`SELECT t::text AS row FROM ${name} t`)).map((row) => row.row).join('\n');
      for (const secret of secrets.slice(0, 3)) {
        expect(dump).not.toContain(secret);
        expect(dump).not.toContain(secret.slice(3));
        expect(dump).not.toContain(Buffer.from(secret).toString('hex'));
      }
      const hashes = (await t.db.sql<{ hash: string }>(`SELECT encode(secret_hash, 'hex') AS hash FROM api_token_secrets`)).map((row) => row.hash);
      for (const secret of secrets.slice(0, 3)) expect(hashes).toContain(createHash('sha256').update(secret).digest('hex'));
    });
  });

  describe('in the logs (the built server, LOG_LEVEL=trace)', () => {
    let db: TestDatabase;
    let server: ChildProcess;
    let output = '';
    let baseUrl: string;
    const dataDir = `.data/test-secrecy-${process.pid}`;

    beforeAll(async () => {
      db = await createTestDatabase();
      const port = await freePort();
      baseUrl = `http://127.0.0.1:${port}`;
      server = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
        env: {
          PATH: process.env.PATH,
          PORT: String(port),
          DATABASE_URL: db.url,
          DATA_DIR: dataDir,
          LOG_LEVEL: 'trace',
          ADMIN_API_KEY,
          INTERNAL_API_SECRET,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      for (let attempt = 0; attempt < 100; attempt += 1) {
        if (
          await fetch(`${baseUrl}/health/live`).then(
            (res) => res.ok,
            () => false,
          )
        )
          return;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error(`server did not start:\n${output}`);
    });
    afterAll(async () => {
      if (server.exitCode === null) await new Promise((resolve) => server.once('exit', resolve).kill('SIGTERM'));
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    });

    it('never writes a token, a service JWT or the internal secret to the log', async () => {
      const secrets = await exerciseTokens(supertest(baseUrl), 'secrecy_logs');
      await new Promise((resolve) => server.once('exit', resolve).kill('SIGTERM'));
      expect(output).toContain('"path":"/internal/validate"');
      expect(output).toContain('"path":"/v1/auth/token"');
      for (const secret of [...secrets, INTERNAL_API_SECRET, ADMIN_API_KEY]) expect(output).not.toContain(secret);
    });
  });
});
