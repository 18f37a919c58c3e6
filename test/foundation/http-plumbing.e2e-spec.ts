import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('HTTP plumbing', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers /health with the database state and version', async () => {
    const res = await t.http.get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', db: 'up', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('answers /health/live without the database', async () => {
    await t.http.get('/health/live').expect(200, { status: 'ok' });
  });

  it('serves Swagger UI and an OpenAPI 3 document declaring every credential', async () => {
    await t.http.get('/docs').expect(200).expect('Content-Type', /html/);
    const doc = (await t.http.get('/docs-json').expect(200)).body;
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['admin-key', 'api-key', 'bearer', 'internal-secret', 'organization']);
    expect(doc.components.securitySchemes.organization).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-Organization-Id' });
  });

  it('sets security headers and no-store, and hides X-Powered-By', async () => {
    const res = await t.http.get('/health/live');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('mints a request id, or keeps a well-formed incoming one', async () => {
    const minted = await t.http.get('/health/live');
    expect(minted.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await t.http.get('/health/live').set('X-Request-Id', 'trace-abc-12345');
    expect(kept.headers['x-request-id']).toBe('trace-abc-12345');
    const replaced = await t.http.get('/health/live').set('X-Request-Id', 'bad id with spaces <script>');
    expect(replaced.headers['x-request-id']).not.toBe('bad id with spaces <script>');
  });

  describe('CORS', () => {
    it('echoes an allowed dashboard origin with Vary: Origin', async () => {
      const res = await t.http.get('/health/live').set('Origin', 'https://dashboard.example.com');
      expect(res.headers['access-control-allow-origin']).toBe('https://dashboard.example.com');
      expect(res.headers.vary).toMatch(/Origin/);
    });

    it('gives a foreign origin no allow-origin at all', async () => {
      const res = await t.http.get('/health/live').set('Origin', 'https://evil.example.net');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers.vary).toMatch(/Origin/);
    });

    it('answers a preflight with 204 and the allowed headers', async () => {
      const res = await t.http
        .options('/v1/members')
        .set('Origin', 'https://dashboard.example.com')
        .set('Access-Control-Request-Method', 'PUT')
        .set('Access-Control-Request-Headers', 'authorization,x-organization-id');
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe('https://dashboard.example.com');
      expect(res.headers['access-control-allow-headers']).toMatch(/X-Organization-Id/);
      expect(res.headers['access-control-allow-methods']).toMatch(/PUT/);
    });

    it('answers a foreign preflight with 204 but no permission', async () => {
      const res = await t.http.options('/v1/members').set('Origin', 'https://evil.example.net').set('Access-Control-Request-Method', 'GET');
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  it('rejects malformed JSON with 400 in the error shape', async () => {
    const res = await t.http.post('/health/live').set('Content-Type', 'application/json').send('{"name": ');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: expect.stringMatching(/Malformed JSON/) });
  });

  it('rejects a body over 1 MiB with 413', async () => {
    const res = await t.http
      .post('/health/live')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ blob: 'x'.repeat(1024 * 1024 + 10) }));
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ statusCode: 413, message: expect.stringMatching(/1 MiB/) });
  });

  it('answers unknown routes with 404 in the error shape, never a stack', async () => {
    const res = await t.http.get('/no/such/route').expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js/);
  });
});
