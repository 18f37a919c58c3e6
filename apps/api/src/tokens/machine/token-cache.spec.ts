import { describe, expect, it } from '@jest/globals';
import { TokenCache } from './token-cache.js';
import { judge, type TokenRecord } from './token-record.js';

const record = (overrides: Partial<TokenRecord> = {}): TokenRecord => ({
  tenantId: 't1',
  tokenId: 'tok_a',
  kind: 'secret',
  scopes: ['events:read'],
  expiresAt: null,
  revokedAt: null,
  secretId: '00112233445566778899aabbccddeeff',
  secretExpiresAt: null,
  ...overrides,
});

describe('TokenCache', () => {
  const enabledCache = () => {
    const cache = new TokenCache();
    cache.enable();
    return cache;
  };

  it('serves what it stored until the token is evicted, under every key of that token', () => {
    const cache = enabledCache();
    cache.set('k:hash', record(), cache.epoch);
    cache.set('i:t1:tok_a', record(), cache.epoch);
    cache.set('k:other', record({ tokenId: 'tok_b' }), cache.epoch);
    expect(cache.get('k:hash')).toEqual(record());
    cache.evict('tok_a');
    expect(cache.get('k:hash')).toBeUndefined();
    expect(cache.get('i:t1:tok_a')).toBeUndefined();
    expect(cache.get('k:other')).toBeDefined();
  });

  it('drops a database answer read before an eviction (a read racing a revocation)', () => {
    const cache = enabledCache();
    const epochBeforeRead = cache.epoch;
    cache.evict('tok_a'); // the revocation's notification arrives while the read is in flight
    cache.set('k:hash', record(), epochBeforeRead);
    expect(cache.get('k:hash')).toBeUndefined();
  });

  it('serves and stores nothing while disabled (listener down), and starts empty when enabled again', () => {
    const cache = enabledCache();
    cache.set('k:hash', record(), cache.epoch);
    cache.disable();
    expect(cache.get('k:hash')).toBeUndefined();
    cache.set('k:hash', record(), cache.epoch);
    cache.enable();
    expect(cache.get('k:hash')).toBeUndefined();
  });
});

describe('judge', () => {
  const now = Date.parse('2030-01-01T00:00:00Z');

  it('tells unknown, revoked and expired apart, and reports the earliest expiry', () => {
    expect(judge(undefined, now)).toEqual({ valid: false, reason: 'unknown' });
    expect(judge(record({ revokedAt: now - 1, expiresAt: now - 1 }), now)).toEqual({ valid: false, reason: 'revoked' });
    expect(judge(record({ expiresAt: now }), now)).toEqual({ valid: false, reason: 'expired' });
    expect(judge(record({ secretExpiresAt: now - 1 }), now)).toEqual({ valid: false, reason: 'expired' });
    expect(judge(record({ expiresAt: now + 5_000, secretExpiresAt: now + 1_000 }), now)).toMatchObject({ valid: true, expiresAt: now + 1_000 });
    expect(judge(record(), now)).toMatchObject({ valid: true, expiresAt: null });
  });
});
