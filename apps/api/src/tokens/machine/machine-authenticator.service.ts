import { Injectable, UnauthorizedException } from '@nestjs/common';
import type { MachineAuthenticator } from '#libs/auth/src/index.js';
import type { Principal } from '#libs/database/src/index.js';
import { ServiceJwtService } from '../service-jwt/service-jwt.service.js';
import type { TokenVerdict } from './token-record.js';
import { TokenVerifier } from './token-verifier.js';

type TokenPrincipal = Extract<Principal, { kind: 'token' }>;

const REFUSALS = { unknown: 'Invalid API key', revoked: 'API key revoked', expired: 'API key expired' } as const;

/** Gate 1 for machines: `X-API-Key: sk_/pk_...` or a service JWT, as the token on its own tenant. */
@Injectable()
export class MachineAuthenticatorService implements MachineAuthenticator {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly jwts: ServiceJwtService,
  ) {}

  async authenticateApiKey(apiKey: string): Promise<TokenPrincipal> {
    return toPrincipal(await this.verifier.verifyApiKey(apiKey));
  }

  isServiceJwt(bearer: string): boolean {
    return this.jwts.isServiceJwt(bearer);
  }

  /** The JWT must verify, and the token and secret it was minted from must still be valid (revocation is instant). */
  async authenticateServiceJwt(bearer: string): Promise<TokenPrincipal> {
    const claims = await this.jwts.verify(bearer);
    return toPrincipal(await this.verifier.verifyServiceJwtSubject(claims));
  }
}

function toPrincipal(verdict: TokenVerdict): TokenPrincipal {
  if (!verdict.valid) throw new UnauthorizedException(REFUSALS[verdict.reason]);
  const { tokenId, tenantId, kind, scopes } = verdict.record;
  return { kind: 'token', tokenId, tenantId, tokenKind: kind, scopes };
}
