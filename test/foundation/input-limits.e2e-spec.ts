import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { event, ingest } from '../support/events.js';
import { createTenantSession, type TenantSession } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

describe('input limits', () => {
  let t: TestApp;
  let session: TenantSession;
  const json = (method: 'post' | 'patch' | 'put' | 'delete', path: string, text: string, headers: Record<string, string> = {}) =>
    t.http[method](path).set(headers).set('Content-Type', 'application/json').send(text);

  beforeAll(async () => {
    t = await startTestApp();
    session = await createTenantSession(t, 'limits');
    await ingest(t, 'limits', [event({ userId: 'limits_user' })]);
  });
  afterAll(async () => {
    await t.close();
  });

  describe('JSON nesting', () => {
    it('refuses a body nested 10,000 deep with 400 invalid_json naming the limit, signed in or not', async () => {
      for (const headers of [session.as('owner'), {}]) {
        for (const text of [nested(10_000), `${'['.repeat(10_000)}${']'.repeat(10_000)}`]) {
          const res = await json('patch', '/v1/tenant', text, headers);
          expect([res.status, res.body.code, res.body.message]).toEqual([400, 'invalid_json', 'JSON body nests arrays or objects deeper than 32 levels']);
        }
      }
    });

    it('refuses a 1 MB body nested 500,000 deep the same way', async () => {
      const res = await json('post', '/v1/tokens', `${'['.repeat(500_000)}${']'.repeat(500_000)}`, session.as('owner'));
      expect([res.status, res.body.code]).toEqual([400, 'invalid_json']);
    });

    it('takes 32 levels and refuses 33', async () => {
      const atLimit = await json('post', '/health/live', nested(32));
      expect(atLimit.status).toBe(404);
      const over = await json('post', '/health/live', nested(33));
      expect([over.status, over.body.code]).toEqual([400, 'invalid_json']);
    });

    it('does not count brackets inside strings, escaped quotes included', async () => {
      const text = JSON.stringify({ a: `"\\${'[{'.repeat(1000)}`, b: '\\', c: ['\\"[['] });
      const res = await json('post', '/health/live', text);
      expect(res.status).toBe(404);
    });

    it('merges metadata nested as deep as a body may be (31 levels under the body)', async () => {
      const metadata = JSON.parse(nested(31)) as Record<string, unknown>;
      const res = await json('patch', '/v1/users/limits_user', JSON.stringify({ metadata }), session.as('editor'));
      expect([res.status, JSON.stringify(res.body.metadata)]).toEqual([200, nested(31)]);
      const over = await json('patch', '/v1/users/limits_user', JSON.stringify({ metadata: { deeper: metadata } }), session.as('editor'));
      expect([over.status, over.body.code]).toEqual([400, 'invalid_json']);
    });
  });

  describe('charsets', () => {
    it('refuses JSON in any charset but UTF-8 with 415 unsupported_charset', async () => {
      for (const charset of ['utf-7', 'utf-16le', 'utf-16be']) {
        const res = await t.http
          .patch('/v1/tenant')
          .set(session.as('owner'))
          .set('Content-Type', `application/json; charset=${charset}`)
          .send(Buffer.from('{"name":"x"}', 'utf16le'));
        expect([charset, res.status, res.body.code]).toEqual([charset, 415, 'unsupported_charset']);
      }
      await t.http.patch('/v1/tenant').set(session.as('owner')).set('Content-Type', 'application/json; charset=UTF-8').send('{"name":"Limits"}').expect(200);
    });
  });

  describe('text PostgreSQL cannot store', () => {
    const expect400 = (res: { status: number; body: { code?: string; message?: unknown; errors?: Array<{ message: string }> } }, message: string) =>
      expect([res.status, res.body.code, res.body.message, res.body.errors?.map((problem) => problem.message)]).toEqual([
        400,
        'validation_failed',
        message,
        [message],
      ]);

    it('refuses NUL and lone surrogates in bodies, naming the field or key', async () => {
      expect400(await t.http.patch('/v1/tenant').set(session.as('owner')).send({ name: 'a\u0000b' }), 'name must not contain NUL characters');
      expect400(
        await t.http.put('/v1/members/limits_new').set(session.as('owner')).send({ role: 'viewer', email: 'a\ud800@example.com' }),
        'email must be well-formed Unicode (no unpaired surrogates)',
      );
      expect400(
        await t.http
          .post('/v1/tokens')
          .set(session.as('owner'))
          .send({ name: '\udfff', kind: 'secret', scopes: ['events:read'] }),
        'name must be well-formed Unicode (no unpaired surrogates)',
      );
      expect400(
        await t.http
          .patch('/v1/users/limits_user')
          .set(session.as('editor'))
          .send({ labels: ['ok', 'a\u0000'] }),
        'labels.1 must not contain NUL characters',
      );
      expect400(
        await json('patch', '/v1/users/limits_user', '{"metadata":{"deep":{"a\\u0000":1}}}', session.as('editor')),
        'metadata.deep key "a\\u0000" must not contain NUL characters',
      );
    });

    it('refuses them before authentication, so no guard or audit path sees them', async () => {
      expect400(await t.http.patch('/v1/tenant').send({ name: '\u0000' }), 'name must not contain NUL characters');
      expect400(await t.http.delete('/v1/members/a%00b').set(session.as('viewer')), 'path segment "a%00b" must not contain NUL characters');
    });

    it('refuses NUL in query values, query keys and path ids', async () => {
      expect400(await t.http.get('/v1/users?q=a%00').set(session.as('viewer')), 'q must not contain NUL characters');
      expect400(await t.http.get('/v1/audit?operation=%00').set(session.as('admin')), 'operation must not contain NUL characters');
      expect400(await t.http.get('/v1/audit?actorId=x&actorId=%00').set(session.as('admin')), 'actorId.1 must not contain NUL characters');
      expect400(await t.http.get('/v1/members?%00=1').set(session.as('viewer')), 'query key "\\u0000" must not contain NUL characters');
      expect400(await t.http.get('/v1/users/a%00b').set(session.as('viewer')), 'path segment "a%00b" must not contain NUL characters');
      expect400(await t.http.get('/v1/fingerprints/%00').set(session.as('viewer')), 'path segment "%00" must not contain NUL characters');
    });

    it('answers a path that is not UTF-8 with a 400 too', async () => {
      const res = await t.http.get('/v1/users/%ED%A0%80').set(session.as('viewer'));
      expect([res.status, res.body.code]).toEqual([400, 'validation_failed']);
    });
  });
});
