import { UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import type { Algorithm } from 'jsonwebtoken';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { JWT_ALGORITHMS } from '#libs/config/src/environment.js';
import type { Principal } from '#libs/database/src/index.js';
import { ApiException } from '#libs/http/src/index.js';
import type { IssuerVerifier, IssuerVerifiers } from './issuer-verifiers.js';

export const PLATFORM_JWT = 'platform-jwt';
const CLOCK_SKEW_SECONDS = 60;

const invalidToken = (message: string) => new ApiException(401, 'invalid_token', message);

export interface PlatformJwtSettings {
  verifiers: IssuerVerifiers;
  superAdminIds: string[];
  superAdminClaim?: string;
}

/** The verifier each request's token was checked with, from key selection to `validate`. */
const verifierOf = new WeakMap<Request, IssuerVerifier>();

/**
 * Dashboard JWTs, from the platform IdP or from a tenant's own (chosen by the token's `iss`). Key
 * material comes only from that issuer's resolver, chosen by `kid`; headers such as `jwk`, `jku`, `x5u`
 * or `x5c` are never consulted, and the algorithm must be on that issuer's allow-list.
 */
export class PlatformJwtStrategy extends PassportStrategy(Strategy, PLATFORM_JWT) {
  constructor(private readonly settings: PlatformJwtSettings) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // Each issuer's own list is enforced when its key is chosen; this only bounds what the verifier may run.
      algorithms: [...JWT_ALGORITHMS] as Algorithm[],
      ignoreExpiration: false,
      passReqToCallback: true,
      jsonWebTokenOptions: { clockTolerance: CLOCK_SKEW_SECONDS },
      secretOrKeyProvider: (req: Request, rawJwt: string, done: (error: unknown, key?: string) => void) => {
        const header = decodePart(rawJwt, 0);
        const payload = decodePart(rawJwt, 1);
        if (!header || !payload) return done(invalidToken('Malformed token'));
        settings.verifiers
          .forIssuer(payload.iss)
          .then((verifier) => {
            if (!verifier.algorithms.includes(header.alg as string)) throw invalidToken('Algorithm not allowed');
            if (typeof header.kid !== 'string' || !header.kid) throw invalidToken('Token has no key id (kid)');
            verifierOf.set(req, verifier);
            return verifier.keys.getKey(header.kid);
          })
          .then(
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
  validate(req: Request, payload: Record<string, unknown>): Principal {
    const verifier = verifierOf.get(req);
    if (!verifier) throw invalidToken('Invalid token');
    const { superAdminIds, superAdminClaim } = this.settings;
    // The verifier only checks an `exp` that is there: without one, a leaked token would work forever.
    if (typeof payload.exp !== 'number' || !Number.isFinite(payload.exp)) throw invalidToken('Token has no expiry (exp claim)');
    if (typeof payload.sub !== 'string' || !payload.sub) throw invalidToken('Token has no subject');
    if (verifier.audience !== undefined && !audiences(payload.aud).includes(verifier.audience)) throw invalidToken('Audience mismatch');
    if (verifier.authorizedParties.length > 0 && !(typeof payload.azp === 'string' && verifier.authorizedParties.includes(payload.azp))) {
      throw invalidToken('Authorized party mismatch');
    }
    // A tenant's IdP can mint any `sub` and any claim: superadmin comes only from the platform's.
    const superadmin =
      verifier.tenantId === undefined &&
      (superAdminIds.includes(payload.sub) || (superAdminClaim !== undefined && claimAt(payload, superAdminClaim) === 'superadmin'));
    return {
      kind: 'member',
      sub: payload.sub,
      email: typeof payload.email === 'string' ? payload.email : undefined,
      superadmin,
      ...(verifier.tenantId !== undefined ? { issuerTenantId: verifier.tenantId } : {}),
      claims: payload,
    };
  }
}

function audiences(aud: unknown): unknown[] {
  return Array.isArray(aud) ? aud : [aud];
}

function decodePart(rawJwt: string, index: 0 | 1): Record<string, unknown> | undefined {
  try {
    const part = JSON.parse(Buffer.from(rawJwt.split('.')[index] ?? '', 'base64url').toString('utf8')) as unknown;
    return part && typeof part === 'object' && !Array.isArray(part) ? (part as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The value at a claim path: a top-level claim of that exact name first (namespaced claims such as
 * Auth0's `https://example.com/roles` contain dots), else the dotted path (`o.rol`, `metadata.role`).
 */
export function claimAt(payload: Record<string, unknown>, path: string): unknown {
  if (Object.hasOwn(payload, path)) return payload[path];
  return path
    .split('.')
    .reduce<unknown>(
      (value, key) => (value && typeof value === 'object' && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined),
      payload,
    );
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
