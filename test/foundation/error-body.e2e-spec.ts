import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fieldProblems } from '../support/errors.js';
import { createTenantSession, type TenantSession } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('error answers', () => {
  let t: TestApp;
  let session: TenantSession;

  beforeAll(async () => {
    t = await startTestApp();
    session = await createTenantSession(t, 'errors');
  });
  afterAll(async () => {
    await t.close();
  });

  it('name every bad query parameter, with one summary sentence and the request id of the answer', async () => {
    const res = await t.http.get('/v1/users?limit=0&order=up&sort=name&unknown=1').set(session.as('viewer')).set('X-Request-Id', 'trace-errors-0001');
    expect(res.headers['x-request-id']).toBe('trace-errors-0001');
    const problems = fieldProblems(res);
    expect(problems.map((problem) => problem.path).sort()).toEqual(['limit', 'order', 'sort', 'unknown']);
    expect(res.body.message).toBe(`${problems[0].message} (and 3 more problems)`);
  });

  it('name every bad body field, array items by index', async () => {
    const res = await t.http
      .post('/v1/tokens')
      .set(session.as('admin'))
      .send({ name: '', kind: 'root', scopes: ['events:read', 'admin:all'], expiresAt: 'tomorrow', tenantId: 'other' });
    expect(
      fieldProblems(res)
        .map((problem) => problem.path)
        .sort(),
    ).toEqual(['expiresAt', 'kind', 'name', 'scopes', 'tenantId']);
    const labels = await t.http
      .patch('/v1/users/errors_user')
      .set(session.as('editor'))
      .send({ labels: ['ok', 7, 'x'.repeat(300)] });
    expect(fieldProblems(labels).every((problem) => problem.path === 'labels' || /^labels\.\d+$/.test(problem.path))).toBe(true);
  });

  it('name a bad path parameter', async () => {
    const res = await t.http.delete('/v1/tokens/not-a-token').set(session.as('admin'));
    expect(fieldProblems(res)).toEqual([{ path: 'id', message: 'id must be a token id (tok_ followed by 22 characters)' }]);
  });

  it('keep one sentence and no errors when no field is at fault', async () => {
    const res = await t.http.get('/v1/users/nobody').set(session.as('viewer'));
    expect(res.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      code: 'not_found',
      message: 'User nobody not found',
      requestId: res.headers['x-request-id'],
    });
  });
});
