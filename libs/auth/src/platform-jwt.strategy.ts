import { UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import type { Algorithm } from 'jsonwebtoken';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { AppConfig } from '#libs/config/src/index.js';
import type { Principal } from '#libs/database/src/index.js';
import { ApiException } from '#libs/http/src/index.js';
import type { SigningKeyResolver } from './jwks-key-resolver.js';

export const PLATFORM_JWT = 'platform-jwt';
const CLOCK_SKEW_SECONDS = 60;

const invalidToken = (message: string) => new ApiException(401, 'invalid_token', message);

export interface PlatformJwtSettings {
  keys: SigningKeyResolver;
  issuer?: string;
  audience?: string;
  authorizedParties: string[];
  algorithms: AppConfig['platformJwt']['algorithms'];
  superAdminIds: string[];
  superAdminClaim?: string;
}

/**
 * Dashboard JWTs from the IdP. Key material comes only from the resolver, chosen by `kid`; headers
 * such as `jwk`, `jku`, `x5u` or `x5c` are never consulted, and the algorithm must be allow-listed.
 */
export class PlatformJwtStrategy extends PassportStrategy(Strategy, PLATFORM_JWT) {
  constructor(private readonly settings: PlatformJwtSettings) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      algorithms: settings.algorithms as Algorithm[],
      issuer: settings.issuer,
      audience: settings.audience,
      ignoreExpiration: false,
      jsonWebTokenOptions: { clockTolerance: CLOCK_SKEW_SECONDS },
      secretOrKeyProvider: (_req: Request, rawJwt: string, done: (error: unknown, key?: string) => void) => {
        const header = decodeHeader(rawJwt);
        if (!header) return done(invalidToken('Malformed token'));
        if (!settings.algorithms.includes(header.alg as never)) return done(invalidToken('Algorithm not allowed'));
        if (typeof header.kid !== 'string' || !header.kid) return done(invalidToken('Token has no key id (kid)'));
        settings.keys.getKey(header.kid).then(
          (key) => done(null, key),
          (error: unknown) =>
            done(
              error instanceof UnauthorizedException
                ? invalidToken(error.message)
                : error instanceof Error && error.message === 'Unknown signing key'
                  ? invalidToken('Unknown signing key')
                  : error,
            ),
        );
      },
    });
  }

  /** Runs once the signature and the time claims present have been checked. */
  validate(payload: Record<string, unknown>): Principal {
    const { authorizedParties, superAdminIds, superAdminClaim } = this.settings;
    // The verifier only checks an `exp` that is there: without one, a leaked token would work forever.
    if (typeof payload.exp !== 'number' || !Number.isFinite(payload.exp)) throw invalidToken('Token has no expiry (exp claim)');
    if (typeof payload.sub !== 'string' || !payload.sub) throw invalidToken('Token has no subject');
    if (authorizedParties.length > 0 && !(typeof payload.azp === 'string' && authorizedParties.includes(payload.azp))) {
      throw invalidToken('Authorized party mismatch');
    }
    const superadmin = superAdminIds.includes(payload.sub) || (superAdminClaim !== undefined && claimAt(payload, superAdminClaim) === 'superadmin');
    return {
      kind: 'member',
      sub: payload.sub,
      email: typeof payload.email === 'string' ? payload.email : undefined,
      superadmin,
      claims: payload,
    };
  }
}

function decodeHeader(rawJwt: string): { alg?: string; kid?: unknown } | undefined {
  try {
    const header = JSON.parse(Buffer.from(rawJwt.split('.')[0] ?? '', 'base64url').toString('utf8')) as unknown;
    return header && typeof header === 'object' ? header : undefined;
  } catch {
    return undefined;
  }
}

function claimAt(payload: Record<string, unknown>, dottedPath: string): unknown {
  return dottedPath
    .split('.')
    .reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), payload);
}

/** Maps jsonwebtoken's failures to the specific 401 messages of the contract, each with its code. */
export function jwtFailure(info: unknown): ApiException {
  if (info instanceof ApiException) return info;
  if (!(info instanceof Error)) return invalidToken('Invalid token');
  switch (info.name) {
    case 'TokenExpiredError':
      return new ApiException(401, 'token_expired', 'Token expired');
    case 'NotBeforeError':
      return invalidToken('Token not yet valid');
  }
  const message = info.message;
  if (message === 'No auth token') return new ApiException(401, 'unauthenticated', 'Authentication required');
  if (message.includes('invalid signature')) return new ApiException(401, 'invalid_signature', 'Invalid signature');
  if (message.includes('issuer invalid')) return invalidToken('Issuer mismatch');
  if (message.includes('audience invalid')) return invalidToken('Audience mismatch');
  if (message.includes('invalid algorithm') || message.includes('signature is required')) return invalidToken('Algorithm not allowed');
  if (message.includes('malformed') || message.includes('invalid token') || message.includes('Unexpected token')) return invalidToken('Malformed token');
  return invalidToken('Invalid token');
}
