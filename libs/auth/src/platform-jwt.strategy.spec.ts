import { describe, expect, it } from '@jest/globals';
import { ApiException } from '#libs/http/src/index.js';
import { PlatformJwtStrategy } from './platform-jwt.strategy.js';

const strategy = new PlatformJwtStrategy({
  keys: { getKey: () => Promise.reject(new Error('unused')) },
  authorizedParties: [],
  algorithms: ['RS256'],
  superAdminIds: [],
});

function refusal(payload: Record<string, unknown>): unknown {
  try {
    strategy.validate(payload);
    return 'accepted';
  } catch (error) {
    return error instanceof ApiException ? [error.getStatus(), error.code, error.message] : error;
  }
}

describe('PlatformJwtStrategy.validate', () => {
  const exp = Math.floor(Date.now() / 1000) + 600;

  it('accepts a token with a subject and an exp', () => {
    expect(strategy.validate({ sub: 'u1', exp })).toMatchObject({ kind: 'member', sub: 'u1', superadmin: false });
  });

  it('refuses a token without an exp it could ever reach (absent, not a number, infinite)', () => {
    for (const missing of [undefined, '9999999999', Number.POSITIVE_INFINITY]) {
      expect(refusal({ sub: 'u1', exp: missing })).toEqual([401, 'invalid_token', 'Token has no expiry (exp claim)']);
    }
  });

  it('refuses a token without a subject', () => {
    expect(refusal({ exp })).toEqual([401, 'invalid_token', 'Token has no subject']);
  });
});
