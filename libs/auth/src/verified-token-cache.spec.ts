import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { Principal } from '#libs/database/src/index.js';
import { VerifiedTokenCache } from './verified-token-cache.js';

const principal: Principal = { kind: 'member', sub: 'u1', superadmin: false, claims: {} };
const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('VerifiedTokenCache', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-06-01T00:00:00Z') });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('remembers a token until its exp, at most a minute', () => {
    const cache = new VerifiedTokenCache();
    cache.set('short', principal, nowSeconds() + 10);
    cache.set('long', principal, nowSeconds() + 3600);
    jest.advanceTimersByTime(9_000);
    expect([cache.get('short'), cache.get('long')]).toEqual([principal, principal]);
    jest.advanceTimersByTime(2_000);
    expect(cache.get('short')).toBeUndefined();
    jest.advanceTimersByTime(50_000);
    expect(cache.get('long')).toBeUndefined();
  });

  it('never remembers a token without a usable exp', () => {
    const cache = new VerifiedTokenCache();
    for (const [token, exp] of [
      ['none', undefined],
      ['text', String(nowSeconds() + 60)],
      ['nan', Number.NaN],
      ['infinite', Number.POSITIVE_INFINITY],
    ] as const) {
      cache.set(token, principal, exp);
      expect([token, cache.get(token)]).toEqual([token, undefined]);
    }
  });
});
