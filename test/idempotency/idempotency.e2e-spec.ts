import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { revertAndReapply } from '../support/migrations.js';
import { IdempotencyKeys1795700000002 } from '../../libs/database/src/migrations/1795700000002-IdempotencyKeys.js';
import { adminKeyHeaders, createTenantSession, type TenantSession } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { validateToken } from '../support/tokens.js';

const TOKEN_BODY = { name: 'idempotent', kind: 'secret', scopes: ['events:read'] };

describe('Idempotency-Key on creating POSTs', () => {
  let t: TestApp;
  let acme: TenantSession;
  let other: TenantSession;

  beforeAll(async () => {
    t = await startTestApp();
    acme = await createTenantSession(t, 'idem_acme');
    other = await createTenantSession(t, 'idem_other');
  });
  afterAll(async () => {
    await t.close();
  });

  const createToken = (headers: Record<string, string>, key: string | undefined, body: object = TOKEN_BODY) => {
    const request = t.http.post('/v1/tokens').set(headers);
    if (key !== undefined) request.set('Idempotency-Key', key);
    return request.send(body);
  };
  const tokensNamed = async (name: string, tenantId = acme.tenantId) =>
    (await t.db.sql<{ n: number }>(`SELECT count(*)::int AS n FROM api_tokens WHERE tenant_id = $1 AND name = $2`, [tenantId, name]))[0].n;
  const storedKeys = async (key: string) => (await t.db.sql<{ n: number }>(`SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1`, [key]))[0].n;

  it('replays the first answer to a retry with the same body, without creating another token', async () => {
    const body = { ...TOKEN_BODY, name: 'replayed' };
    const first = await createToken(acme.as('admin'), 'key-replay', body);
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    // The same JSON value spelled differently (key order, spacing) is the same body.
    const retry = await t.http
      .post('/v1/tokens')
      .set(acme.as('admin'))
      .set('Idempotency-Key', 'key-replay')
      .set('Content-Type', 'application/json')
      .send('{ "scopes": ["events:read"], "kind": "secret",  "name": "replayed" }');
    expect([retry.status, retry.headers['idempotent-replayed'], retry.body]).toEqual([201, 'true', first.body]);
    expect(await tokensNamed('replayed')).toBe(1);
    expect((await validateToken(t, first.body.token)).status).toBe(200);
  });

  it('is shared by every instance: another instance on the database replays the answer', async () => {
    const second = await startTestApp({}, { db: t.db, issuer: t.issuer });
    try {
      const body = { ...TOKEN_BODY, name: 'two-instances' };
      const first = await createToken(acme.as('admin'), 'key-instances', body).expect(201);
      const elsewhere = await second.http.post('/v1/tokens').set(acme.as('admin')).set('Idempotency-Key', 'key-instances').send(body);
      expect([elsewhere.status, elsewhere.headers['idempotent-replayed'], elsewhere.body]).toEqual([201, 'true', first.body]);
      expect(await tokensNamed('two-instances')).toBe(1);
    } finally {
      await second.close();
    }
  });

  it('keeps the stored answer sealed: the plaintext token is not in the database', async () => {
    const created = await createToken(acme.as('admin'), 'key-sealed', { ...TOKEN_BODY, name: 'sealed' });
    const [row] = await t.db.sql<{ response: Buffer; status_code: number }>(`SELECT response, status_code FROM idempotency_keys WHERE key = 'key-sealed'`);
    expect(row.status_code).toBe(201);
    expect(row.response.includes(Buffer.from(created.body.token as string))).toBe(false);
    expect(row.response.includes(Buffer.from(created.body.id as string))).toBe(false);
  });

  it('answers 422 idempotency_key_reused for the same key with another body or on another route', async () => {
    await createToken(acme.as('admin'), 'key-reused', { ...TOKEN_BODY, name: 'reused' }).expect(201);
    const otherBody = await createToken(acme.as('admin'), 'key-reused', { ...TOKEN_BODY, name: 'reused', scopes: ['events:write'] });
    expect([otherBody.status, otherBody.body.code]).toEqual([422, 'idempotency_key_reused']);
    const token = await createToken(acme.as('admin'), undefined, { ...TOKEN_BODY, name: 'rotated' }).expect(201);
    const otherRoute = await t.http.post(`/v1/tokens/${token.body.id}/rotate`).set(acme.as('admin')).set('Idempotency-Key', 'key-reused').send({});
    expect([otherRoute.status, otherRoute.body.code]).toEqual([422, 'idempotency_key_reused']);
    expect(await tokensNamed('reused')).toBe(1);
  });

  it('lets many parallel requests with one key create exactly one token; the others wait their turn (409) or get the replay', async () => {
    const body = { ...TOKEN_BODY, name: 'parallel' };
    const answers = await Promise.all(Array.from({ length: 20 }, () => createToken(acme.as('admin'), 'key-parallel', body)));
    const created = answers.filter((res) => res.status === 201);
    const busy = answers.filter((res) => res.status === 409);
    expect(created.length + busy.length).toBe(20);
    expect(created.length).toBeGreaterThan(0);
    expect(new Set(created.map((res) => res.body.id)).size).toBe(1);
    expect(busy.every((res) => res.body.code === 'idempotency_key_in_use')).toBe(true);
    expect(await tokensNamed('parallel')).toBe(1);
    const after = await createToken(acme.as('admin'), 'key-parallel', body);
    expect([after.status, after.headers['idempotent-replayed'], after.body]).toEqual([201, 'true', created[0].body]);
  });

  it('keeps callers and tenants apart: the same key of another caller or tenant is a new request', async () => {
    const body = { ...TOKEN_BODY, name: 'shared-key' };
    const byAdmin = await createToken(acme.as('admin'), 'key-shared', body).expect(201);
    const byOwner = await createToken(acme.as('owner'), 'key-shared', body).expect(201);
    const inOther = await createToken(other.as('admin'), 'key-shared', body).expect(201);
    expect(new Set([byAdmin.body.id, byOwner.body.id, inOther.body.id]).size).toBe(3);
    expect([byOwner.headers['idempotent-replayed'], inOther.headers['idempotent-replayed']]).toEqual([undefined, undefined]);
    expect(await tokensNamed('shared-key')).toBe(2);
    expect(await tokensNamed('shared-key', other.tenantId)).toBe(1);
    const retry = await createToken(acme.as('admin'), 'key-shared', body);
    expect([retry.headers['idempotent-replayed'], retry.body]).toEqual(['true', byAdmin.body]);
  });

  it('stores nothing for a request refused by validation, so the key stays free', async () => {
    const refused = await createToken(acme.as('admin'), 'key-invalid', { ...TOKEN_BODY, name: 'invalid', kind: 'root' });
    expect([refused.status, refused.body.code]).toEqual([400, 'validation_failed']);
    expect(await storedKeys('key-invalid')).toBe(0);
    const fixed = await createToken(acme.as('admin'), 'key-invalid', { ...TOKEN_BODY, name: 'invalid' });
    expect([fixed.status, fixed.headers['idempotent-replayed']]).toEqual([201, undefined]);
    expect(await storedKeys('key-invalid')).toBe(1);
  });

  it('replays an answer a business rule gave (409 on a revoked token) without running it again', async () => {
    const token = await createToken(acme.as('admin'), undefined, { ...TOKEN_BODY, name: 'revoked' }).expect(201);
    await t.http.delete(`/v1/tokens/${token.body.id}`).set(acme.as('admin')).expect(204);
    const rotate = () =>
      t.http.post(`/v1/tokens/${token.body.id}/rotate`).set(acme.as('admin')).set('Idempotency-Key', 'key-revoked').send({ graceSeconds: 0 });
    const first = await rotate();
    expect([first.status, first.body.message]).toEqual([409, 'Token is revoked']);
    const again = await rotate();
    expect([again.status, again.headers['idempotent-replayed'], again.body]).toEqual([409, 'true', first.body]);
  });

  it('releases the key when the request fails with a 5xx, so a retry runs again', async () => {
    await t.db.sql(`REVOKE INSERT ON api_tokens FROM admin_api_app`);
    try {
      const failed = await createToken(acme.as('admin'), 'key-crash', { ...TOKEN_BODY, name: 'crash' });
      expect(failed.status).toBe(500);
    } finally {
      await t.db.sql(`GRANT INSERT ON api_tokens TO admin_api_app`);
    }
    expect(await storedKeys('key-crash')).toBe(0);
    const retried = await createToken(acme.as('admin'), 'key-crash', { ...TOKEN_BODY, name: 'crash' });
    expect([retried.status, retried.headers['idempotent-replayed']]).toEqual([201, undefined]);
    expect(await storedKeys('key-crash')).toBe(1);
  });

  it('forgets a key after 24 hours, and deletes expired keys as new ones come', async () => {
    await createToken(acme.as('admin'), 'key-expiring', { ...TOKEN_BODY, name: 'expiring' }).expect(201);
    await createToken(acme.as('admin'), 'key-expired-other', { ...TOKEN_BODY, name: 'expired-other' }).expect(201);
    expect(await storedKeys('key-expired-other')).toBe(1);
    await t.db.sql(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key IN ('key-expiring', 'key-expired-other')`);
    const fresh = await createToken(acme.as('admin'), 'key-expiring', { ...TOKEN_BODY, name: 'expiring', scopes: ['events:write'] });
    expect([fresh.status, fresh.headers['idempotent-replayed']]).toEqual([201, undefined]);
    expect(await tokensNamed('expiring')).toBe(2);
    expect(await storedKeys('key-expired-other')).toBe(0);
  });

  it('lets a retry take over a claim its instance never answered (abandoned for 5 minutes)', async () => {
    const body = { ...TOKEN_BODY, name: 'abandoned' };
    await createToken(acme.as('admin'), 'key-abandoned', body).expect(201);
    await t.db.sql(`UPDATE idempotency_keys SET completed_at = NULL, status_code = NULL, response = NULL WHERE key = 'key-abandoned'`);
    const busy = await createToken(acme.as('admin'), 'key-abandoned', body);
    expect([busy.status, busy.body.code]).toEqual([409, 'idempotency_key_in_use']);
    await t.db.sql(`UPDATE idempotency_keys SET created_at = now() - interval '6 minutes' WHERE key = 'key-abandoned'`);
    await createToken(acme.as('admin'), 'key-abandoned', body).expect(201);
  });

  it('refuses an empty key or one longer than 255 characters with 400 invalid_idempotency_key, before any work', async () => {
    const long = await createToken(acme.as('admin'), 'k'.repeat(256), { ...TOKEN_BODY, name: 'long-key' });
    expect([long.status, long.body.code]).toEqual([400, 'invalid_idempotency_key']);
    const empty = await createToken(acme.as('admin'), '', { ...TOKEN_BODY, name: 'long-key' });
    expect([empty.status, empty.body.code]).toEqual([400, 'invalid_idempotency_key']);
    expect(await tokensNamed('long-key')).toBe(0);
    await createToken(acme.as('admin'), 'k'.repeat(255), { ...TOKEN_BODY, name: 'long-key' }).expect(201);
  });

  describe('platform routes (no tenant): keyed by caller alone', () => {
    const createTenant = (headers: Record<string, string>, key: string, id: string) =>
      t.http.post('/v1/platform/tenants').set(headers).set('Idempotency-Key', key).send({ id, name: 'Idempotent tenant', ownerUserId: 'user_idem_owner' });

    it('replays a tenant creation, and keeps the admin key and a superadmin apart', async () => {
      const first = await createTenant(adminKeyHeaders(), 'tenant-key', 'idem_created');
      expect(first.status).toBe(201);
      const retry = await createTenant(adminKeyHeaders(), 'tenant-key', 'idem_created');
      expect([retry.status, retry.headers['idempotent-replayed'], retry.body]).toEqual([201, 'true', first.body]);
      const reused = await createTenant(adminKeyHeaders(), 'tenant-key', 'idem_created_2');
      expect([reused.status, reused.body.code]).toEqual([422, 'idempotency_key_reused']);
      const superadmin = { Authorization: `Bearer ${await t.issuer.sign('user_superadmin', { expiresIn: 600 })}` };
      await createTenant(superadmin, 'tenant-key', 'idem_created_2').expect(201);
    });

    it('keeps platform keys out of reach of tenant-bound sessions (row-level security)', async () => {
      const client = new pg.Client({ connectionString: t.db.url });
      await client.connect();
      try {
        await client.query('BEGIN');
        await client.query(`SET LOCAL ROLE admin_api_app`);
        await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [acme.tenantId]);
        const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM platform_idempotency_keys`);
        expect(rows[0].n).toBe(0);
        await client.query(`SELECT set_config('app.cross_tenant', 'on', true)`);
        const { rows: platform } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM platform_idempotency_keys`);
        expect(platform[0].n).toBeGreaterThan(0);
        await client.query('ROLLBACK');
      } finally {
        await client.end();
      }
    });
  });

  it('is declared in the OpenAPI document on every POST that creates (answers 201), and only there', async () => {
    const doc = (await t.http.get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }>; responses?: Record<string, unknown> }>>;
    };
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        label: `${method.toUpperCase()} ${path}`,
        // PUT is idempotent by itself (PUT /v1/members/:userId answers 201 when it adds a member).
        creates: method === 'post' && operation.responses?.['201'] !== undefined,
        keyed: (operation.parameters ?? []).some((parameter) => parameter.in === 'header' && parameter.name === 'Idempotency-Key'),
      })),
    );
    const keyed = operations.filter((operation) => operation.keyed).map((operation) => operation.label);
    expect(keyed.sort()).toEqual([
      'POST /v1/platform/tenants',
      'POST /v1/tokens',
      'POST /v1/tokens/{id}/rotate',
      'POST /v1/webhooks',
      'POST /v1/webhooks/{id}/rotate-secret',
    ]);
    expect(operations.filter((operation) => operation.creates && !operation.keyed)).toEqual([]);
  });

  it('has a migration that reverts and re-applies', async () => {
    await revertAndReapply(t.db.url, new IdempotencyKeys1795700000002(), async (runner) => {
      expect(await runner.query(`SELECT to_regclass('idempotency_keys') AS t, to_regclass('platform_idempotency_keys') AS p`)).toEqual([{ t: null, p: null }]);
    });
    const tables = await t.db.sql<{ name: string }>(`SELECT relname AS name FROM pg_class WHERE relname LIKE '%idempotency_keys' AND relkind = 'r' ORDER BY 1`);
    expect(tables.map((row) => row.name)).toEqual(['idempotency_keys', 'platform_idempotency_keys']);
  });
});
