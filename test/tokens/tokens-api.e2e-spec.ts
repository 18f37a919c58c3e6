import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTenantSession, adminKeyHeaders, type TenantSession } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createToken, validateToken } from '../support/tokens.js';

describe('token management (POST/GET/DELETE /v1/tokens, rotate)', () => {
  let t: TestApp;
  let session: TenantSession;

  beforeAll(async () => {
    t = await startTestApp();
    session = await createTenantSession(t, 'tokens_api');
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates a secret token: 201 with the plaintext once, sk_ + 43 base64url characters', async () => {
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const res = await t.http
      .post('/v1/tokens')
      .set(session.as('admin'))
      .send({ name: 'backend', kind: 'secret', scopes: ['events:read', 'analytics:read'], expiresAt })
      .expect(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^tok_[A-Za-z0-9_-]{22}$/),
      token: expect.stringMatching(/^sk_[A-Za-z0-9_-]{43}$/),
      name: 'backend',
      kind: 'secret',
      prefix: res.body.token.slice(0, 11),
      scopes: ['events:read', 'analytics:read'],
      expiresAt,
      createdAt: expect.any(String),
    });
  });

  it('creates a publishable token with exactly events:write (scopes may be omitted)', async () => {
    const res = await t.http.post('/v1/tokens').set(session.as('admin')).send({ name: 'sdk', kind: 'publishable' }).expect(201);
    expect(res.body).toMatchObject({ kind: 'publishable', scopes: ['events:write'], token: expect.stringMatching(/^pk_[A-Za-z0-9_-]{43}$/) });
    const bad = await t.http
      .post('/v1/tokens')
      .set(session.as('admin'))
      .send({ name: 'sdk', kind: 'publishable', scopes: ['events:write', 'events:read'] });
    expect([bad.status, bad.body.message]).toEqual([400, 'scopes of a publishable token must be exactly ["events:write"]']);
  });

  it('rejects bad input with a 400 that names the problem', async () => {
    const cases: Array<[object, string]> = [
      [{ name: 'x', kind: 'secret', scopes: ['events:read', 'admin:all'] }, 'scopes: unknown scope "admin:all"'],
      [{ name: 'x', kind: 'secret', scopes: [] }, 'scopes must be a non-empty array'],
      [{ name: 'x', kind: 'secret' }, 'scopes must be an array'],
      [{ name: 'x', kind: 'root', scopes: ['events:read'] }, 'kind must be one of the following values'],
      [{ kind: 'secret', scopes: ['events:read'] }, 'name should not be empty'],
      [{ name: 'x', kind: 'secret', scopes: ['events:read'], expiresAt: 'tomorrow' }, 'expiresAt must be a valid ISO 8601'],
      [{ name: 'x', kind: 'secret', scopes: ['events:read'], expiresAt: '2001-01-01T00:00:00Z' }, 'expiresAt must be in the future'],
      [{ name: 'x', kind: 'secret', scopes: ['events:read'], tenantId: 'other' }, 'tenantId should not exist'],
    ];
    for (const [body, message] of cases) {
      const res = await t.http.post('/v1/tokens').set(session.as('admin')).send(body);
      expect([res.status, res.body.code, res.body.errors]).toEqual([
        400,
        'validation_failed',
        expect.arrayContaining([expect.objectContaining({ message: expect.stringContaining(message) })]),
      ]);
    }
  });

  it('requires the admin role, and refuses API tokens on management routes', async () => {
    for (const role of ['editor', 'viewer'] as const) {
      const res = await t.http
        .post('/v1/tokens')
        .set(session.as(role))
        .send({ name: 'x', kind: 'secret', scopes: ['events:read'] });
      expect([res.status, res.body.message]).toEqual([403, 'Requires role admin']);
      await t.http.get('/v1/tokens').set(session.as(role)).expect(403);
    }
    const { token } = await createToken(t, session.as('owner'), { scopes: ['events:read', 'events:write', 'analytics:read', 'users:write'] });
    const res = await t.http.get('/v1/tokens').set({ 'X-API-Key': token });
    expect([res.status, res.body.message]).toEqual([403, 'API tokens cannot access this route']);
  });

  it('lists tokens newest first without secrets, paginated', async () => {
    const created = await createToken(t, session.as('admin'), { name: 'listed' });
    const res = await t.http.get('/v1/tokens?limit=1').set(session.as('admin')).expect(200);
    expect(res.body.data).toEqual([
      {
        id: created.id,
        name: 'listed',
        kind: 'secret',
        prefix: created.prefix,
        scopes: ['events:read'],
        createdAt: created.createdAt,
        createdBy: session.userIds.admin,
        expiresAt: null,
        lastUsedAt: null,
        revokedAt: null,
      },
    ]);
    expect(JSON.stringify(res.body)).not.toContain(created.token);
    const next = await t.http.get(`/v1/tokens?limit=1&cursor=${res.body.nextCursor}`).set(session.as('admin')).expect(200);
    expect(next.body.data[0].id).not.toBe(created.id);
    await t.http.get('/v1/tokens?cursor=garbage').set(session.as('admin')).expect(400);
  });

  it('pages through tokens created in the same instant without skipping any', async () => {
    const tenant = await createTenantSession(t, 'tokens_paging');
    const created = await Promise.all(Array.from({ length: 12 }, (_, i) => createToken(t, tenant.as('admin'), { name: `burst ${i}` })));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { data: Array<{ id: string }>; nextCursor: string | null } } = await t.http
        .get(`/v1/tokens?limit=1${cursor ? `&cursor=${cursor}` : ''}`)
        .set(tenant.as('admin'))
        .expect(200);
      seen.push(...res.body.data.map((item: { id: string }) => item.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(created.map((token) => token.id).sort());
  });

  it('revokes idempotently (204), 404 for unknown or foreign ids, 400 for malformed ids', async () => {
    const { id, token } = await createToken(t, session.as('admin'));
    await t.http.delete(`/v1/tokens/${id}`).set(session.as('admin')).expect(204);
    await t.http.delete(`/v1/tokens/${id}`).set(session.as('admin')).expect(204);
    expect((await validateToken(t, token)).body).toEqual({ valid: false, reason: 'revoked' });
    const listed = (await t.http.get('/v1/tokens?limit=500').set(session.as('admin'))).body.data.find((item: { id: string }) => item.id === id);
    expect(listed.revokedAt).toEqual(expect.any(String));

    await t.http.delete('/v1/tokens/tok_AAAAAAAAAAAAAAAAAAAAAA').set(session.as('admin')).expect(404);
    const other = await createTenantSession(t, 'tokens_api_other');
    const foreign = await createToken(t, other.as('admin'));
    await t.http.delete(`/v1/tokens/${foreign.id}`).set(session.as('admin')).expect(404);
    expect((await validateToken(t, foreign.token)).body.valid).toBe(true);
    const malformed = await t.http.delete('/v1/tokens/not-a-token').set(session.as('admin'));
    expect([malformed.status, malformed.body.message]).toEqual([400, 'id must be a token id (tok_ followed by 22 characters)']);
  });

  it('rotates: 201 with a new plaintext; grace 0 ends the old secret at once; revoked tokens cannot rotate', async () => {
    const created = await createToken(t, session.as('admin'));
    const res = await t.http.post(`/v1/tokens/${created.id}/rotate`).set(session.as('admin')).send({}).expect(201);
    expect(res.body).toMatchObject({ id: created.id, kind: 'secret', scopes: ['events:read'], previousTokenExpiresAt: expect.any(String) });
    expect(res.body.token).not.toBe(created.token);
    expect(res.body.prefix).toBe(res.body.token.slice(0, 11));
    expect((await validateToken(t, created.token)).body).toEqual({ valid: false, reason: 'expired' });
    expect((await validateToken(t, res.body.token)).body).toMatchObject({ valid: true, tokenId: created.id });

    for (const graceSeconds of [-1, 604_801, 1.5, '10']) {
      await t.http.post(`/v1/tokens/${created.id}/rotate`).set(session.as('admin')).send({ graceSeconds }).expect(400);
    }
    await t.http.delete(`/v1/tokens/${created.id}`).set(session.as('admin')).expect(204);
    const refused = await t.http.post(`/v1/tokens/${created.id}/rotate`).set(session.as('admin')).send({});
    expect([refused.status, refused.body.message]).toEqual([409, 'Token is revoked']);
  });

  it('audits create, revoke and rotate (ok) and denied attempts, never with a secret', async () => {
    const created = await createToken(t, session.as('admin'), { name: 'audited' });
    const rotated = await t.http.post(`/v1/tokens/${created.id}/rotate`).set(session.as('admin')).send({ graceSeconds: 60 }).expect(201);
    await t.http.delete(`/v1/tokens/${created.id}`).set(session.as('admin')).expect(204);
    await t.http.delete(`/v1/tokens/${created.id}`).set(session.as('viewer')).expect(403);
    const audit = await t.http.get('/v1/audit?entityType=token&limit=500').set(session.as('owner')).expect(200);
    const rows = audit.body.data.filter((row: { entityId: string }) => row.entityId === created.id);
    expect(rows.map((row: { operation: string; outcome: string }) => `${row.operation}:${row.outcome}`)).toEqual([
      'token.revoke:denied',
      'token.revoke:ok',
      'token.rotate:ok',
      'token.create:ok',
    ]);
    expect(rows[3]).toMatchObject({
      actorType: 'member',
      actorId: session.userIds.admin,
      details: { name: 'audited', kind: 'secret', prefix: created.prefix },
    });
    expect(rows[2].details).toMatchObject({ graceSeconds: 60, previousTokenExpiresAt: expect.any(String) });
    const serialized = JSON.stringify(audit.body);
    expect(serialized).not.toContain(created.token);
    expect(serialized).not.toContain(rotated.body.token);
    expect((await t.http.get('/v1/audit/verify').set(session.as('owner'))).body).toMatchObject({ valid: true });
  });

  it('records lastUsedAt in coalesced writes, not one per request', async () => {
    const { id, token } = await createToken(t, session.as('admin'));
    const lastUsed = async () => (await t.db.sql<{ last_used_at: Date | null }>(`SELECT last_used_at FROM api_tokens WHERE id = $1`, [id]))[0].last_used_at;
    for (let i = 0; i < 5; i += 1) await validateToken(t, token).expect(200);
    await t.http.get('/v1/members').set({ 'X-API-Key': token }).expect(403);
    const { TokenUsageRecorder } = await import('../../apps/api/src/tokens/machine/token-usage.recorder.js');
    await t.app.get(TokenUsageRecorder).flush();
    expect(await lastUsed()).toEqual(expect.any(Date));
    const listed = (await t.http.get('/v1/tokens?limit=500').set(session.as('admin'))).body.data.find((item: { id: string }) => item.id === id);
    expect(Date.parse(listed.lastUsedAt)).toBeGreaterThan(Date.now() - 60_000);
  });
});

describe('platform admin key provisioning a customer', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates a tenant, hands it a key, and revokes it, all with X-Admin-API-Key', async () => {
    await t.http.post('/v1/platform/tenants').set(adminKeyHeaders()).send({ id: 'acme', name: 'Acme', ownerUserId: 'user_acme_owner' }).expect(201);
    const created = await createToken(t, adminKeyHeaders('acme'), { name: 'acme backend', scopes: ['events:write', 'events:read'] });
    expect((await validateToken(t, created.token)).body).toMatchObject({
      valid: true,
      tenantId: 'acme',
      tokenId: created.id,
      scopes: ['events:write', 'events:read'],
    });
    const listed = await t.http.get('/v1/tokens').set(adminKeyHeaders('acme')).expect(200);
    expect(listed.body.data[0]).toMatchObject({ id: created.id, createdBy: 'admin-api-key' });

    await t.http.delete(`/v1/tokens/${created.id}`).set(adminKeyHeaders('acme')).expect(204);
    expect((await validateToken(t, created.token)).body).toEqual({ valid: false, reason: 'revoked' });

    const audit = await t.http.get('/v1/audit?entityType=token').set(adminKeyHeaders('acme')).expect(200);
    expect(audit.body.data.map((row: { operation: string; actorType: string }) => `${row.operation}:${row.actorType}`)).toEqual([
      'token.revoke:admin_key',
      'token.create:admin_key',
    ]);
    await t.http
      .post('/v1/tokens')
      .set(adminKeyHeaders('nobody'))
      .send({ name: 'x', kind: 'secret', scopes: ['events:read'] })
      .expect(404);
    await t.http
      .post('/v1/tokens')
      .set(adminKeyHeaders())
      .send({ name: 'x', kind: 'secret', scopes: ['events:read'] })
      .expect(400);
  });
});
