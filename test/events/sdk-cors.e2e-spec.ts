import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { event } from '../support/events.js';
import { adminKeyHeaders, createTenantSession } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('CORS on the SDK routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await createTenantSession(t, 'cors_shop', { allowedOrigins: ['https://shop.example.com'] });
    await createTenantSession(t, 'cors_other', { allowedOrigins: ['https://other.example.org:8443'] });
  });
  afterAll(async () => {
    await t.close();
  });

  const preflight = (path: string, origin: string, method = 'POST') =>
    t.http.options(path).set({ Origin: origin, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': 'x-api-key,content-type' });

  it('answers preflights from any origin some tenant allows, without credentials', async () => {
    for (const [path, origin] of [
      ['/v1/events', 'https://shop.example.com'],
      ['/v1/events/batch', 'https://shop.example.com'],
      ['/v1/events/batch', 'https://other.example.org:8443'],
    ]) {
      const res = await preflight(path, origin);
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe(origin);
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      expect(res.headers['access-control-allow-headers']).toMatch(/X-API-Key/);
      expect(res.headers['access-control-allow-methods']).toMatch(/POST/);
      expect(res.headers.vary).toMatch(/Origin/);
    }
  });

  it('gives foreign and look-alike origins no permission', async () => {
    for (const origin of ['https://evil.example.net', 'https://shop.example.com.evil.com', 'http://shop.example.com', 'https://other.example.org']) {
      const res = await preflight('/v1/events/batch', origin);
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('leaves the dashboard routes to the dashboard policy', async () => {
    const sdkOriginOnDashboard = await preflight('/v1/events', 'https://shop.example.com', 'GET');
    expect(sdkOriginOnDashboard.headers['access-control-allow-origin']).toBeUndefined();
    const dashboard = await preflight('/v1/events', 'https://dashboard.example.com', 'GET');
    expect(dashboard.headers['access-control-allow-origin']).toBe('https://dashboard.example.com');
    expect(dashboard.headers['access-control-allow-credentials']).toBe('true');
  });

  it('echoes an allowed origin on the ingestion answer', async () => {
    const res = await t.http
      .post('/v1/events')
      .set({ ...adminKeyHeaders('cors_shop'), Origin: 'https://shop.example.com' })
      .send(event())
      .expect(202);
    expect(res.headers['access-control-allow-origin']).toBe('https://shop.example.com');
  });
});
