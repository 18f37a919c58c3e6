import { expect } from '@jest/globals';
import { createHash } from 'node:crypto';
import { TokenCache } from '../../apps/api/src/tokens/machine/token-cache.js';
import { INTERNAL_API_SECRET, type TestApp } from './test-app.js';

export interface CreatedToken {
  id: string;
  token: string;
  name: string;
  kind: 'secret' | 'publishable';
  prefix: string;
  scopes: string[];
  expiresAt: string | null;
  createdAt: string;
}

/** Creates a token through the API (as whoever `headers` name) and returns the one-time answer. */
export async function createToken(
  t: TestApp,
  headers: Record<string, string>,
  body: { name?: string; kind?: string; scopes?: string[]; expiresAt?: string } = {},
): Promise<CreatedToken> {
  const res = await t.http
    .post('/v1/tokens')
    .set(headers)
    .send({ name: 'test token', kind: 'secret', ...(body.kind === 'publishable' ? {} : { scopes: ['events:read'] }), ...body });
  expect([res.status, res.body]).toEqual([201, expect.objectContaining({ token: expect.any(String) })]);
  return res.body as CreatedToken;
}

export const internalHeaders = (extra: Record<string, string> = {}) => ({ 'X-Internal-Secret': INTERNAL_API_SECRET, ...extra });

/** POST /internal/validate as the gateway. */
export const validateToken = (t: TestApp, token: string, headers: Record<string, string> = {}) =>
  t.http.post('/internal/validate').set(internalHeaders(headers)).send({ token });

export const isCachedOn = (t: TestApp, token: string) => t.app.get(TokenCache).get(`k:${createHash('sha256').update(token).digest('hex')}`) !== undefined;

/** An instance learns of a committed token change through NOTIFY, milliseconds later: wait (bounded) for the eviction. */
export async function waitForEviction(t: TestApp, token: string): Promise<void> {
  for (let waited = 0; isCachedOn(t, token) && waited < 2_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(isCachedOn(t, token)).toBe(false);
}
