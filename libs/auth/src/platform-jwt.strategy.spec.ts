import { beforeAll, describe, expect, it } from '@jest/globals';
import { ApiException } from '#libs/http/src/index.js';
import type { Request } from 'express';
import { IssuerVerifiers } from './issuer-verifiers.js';
import { PlatformJwtStrategy } from './platform-jwt.strategy.js';

const PLATFORM_ISSUER = 'https://platform.example/';
const verifiers = new IssuerVerifiers(
  { issuer: PLATFORM_ISSUER, keys: { getKey: () => Promise.resolve('platform-key') }, authorizedParties: [], algorithms: ['RS256'] },
  (issuer) =>
    Promise.resolve(
      issuer === 'https://acme.example/'
        ? { tenantId: 'acme', jwksUrl: 'http://127.0.0.1:9/jwks', audience: null, authorizedParties: [], algorithms: ['RS256'] }
        : undefined,
    ),
  { allowPrivate: true, httpsOnly: false },
);
const strategy = new PlatformJwtStrategy({ verifiers, superAdminIds: ['root'] });
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Runs the strategy's key selection for a token with `payload`, as passport does before `validate`. */
function selectKey(req: Request, payload: Record<string, unknown>): Promise<unknown> {
  const provider = (strategy as unknown as { _secretOrKeyProvider: (req: Request, raw: string, done: (error: unknown, key?: string) => void) => void })
    ._secretOrKeyProvider;
  return new Promise((resolve) => provider(req, `${b64({ alg: 'RS256', kid: 'k1' })}.${b64(payload)}.sig`, (error, key) => resolve(error ?? key)));
}

const platformRequest = {} as Request;

function refusal(payload: Record<string, unknown>): unknown {
  try {
    strategy.validate(platformRequest, payload);
    return 'accepted';
  } catch (error) {
    return error instanceof ApiException ? [error.getStatus(), error.code, error.message] : error;
  }
}

describe('PlatformJwtStrategy.validate', () => {
  const exp = Math.floor(Date.now() / 1000) + 600;

  beforeAll(async () => {
    expect(await selectKey(platformRequest, { iss: PLATFORM_ISSUER })).toBe('platform-key');
  });

  it('refuses an issuer neither the platform nor a tenant uses, before any key is looked for', async () => {
    const error = await selectKey({} as Request, { iss: 'https://stranger.example/' });
    expect(error instanceof ApiException ? [error.getStatus(), error.code] : error).toEqual([401, 'unknown_issuer']);
  });

  it("never makes a superadmin of a tenant IdP's token, whatever its sub", async () => {
    const req = {} as Request;
    // The tenant's JWKS is not reachable here: key selection fails, but the verifier is already chosen.
    await selectKey(req, { iss: 'https://acme.example/' });
    expect(strategy.validate(req, { sub: 'root', exp })).toMatchObject({ superadmin: false, issuerTenantId: 'acme' });
    expect(strategy.validate(platformRequest, { sub: 'root', exp })).toMatchObject({ superadmin: true });
    expect(strategy.validate(platformRequest, { sub: 'root', exp })).not.toHaveProperty('issuerTenantId');
  });

  it('accepts a token with a subject and an exp', () => {
    expect(strategy.validate(platformRequest, { sub: 'u1', exp })).toMatchObject({ kind: 'member', sub: 'u1', superadmin: false });
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
