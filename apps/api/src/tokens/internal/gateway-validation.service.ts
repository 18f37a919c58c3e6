import { Injectable } from '@nestjs/common';
import type { InvalidReason, TokenVerdict } from '../machine/token-record.js';
import { TokenVerifier, type VerifyOptions } from '../machine/token-verifier.js';
import { ServiceJwtService } from '../service-jwt/service-jwt.service.js';
import type { TokenKind } from '../token.types.js';

export type GatewayValidation =
  { valid: true; tenantId: string; tokenId: string; kind: TokenKind; scopes: string[]; expiresAt: string | null } | { valid: false; reason: InvalidReason };

/** The gateway's question "is this credential good, and for what?" for API keys and service JWTs alike. */
@Injectable()
export class GatewayValidationService {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly jwts: ServiceJwtService,
  ) {}

  async validate(token: string, options: VerifyOptions): Promise<GatewayValidation> {
    const verdict = this.jwts.isServiceJwt(token) ? await this.verifyServiceJwt(token, options) : await this.verifier.verifyApiKey(token, options);
    if (!verdict.valid) return { valid: false, reason: verdict.reason };
    const { tenantId, tokenId, kind, scopes } = verdict.record;
    return { valid: true, tenantId, tokenId, kind, scopes, expiresAt: verdict.expiresAt === null ? null : new Date(verdict.expiresAt).toISOString() };
  }

  private async verifyServiceJwt(token: string, options: VerifyOptions): Promise<TokenVerdict> {
    let claims;
    try {
      claims = await this.jwts.verify(token);
    } catch (error) {
      return { valid: false, reason: error instanceof Error && error.message === 'Token expired' ? 'expired' : 'unknown' };
    }
    const verdict = await this.verifier.verifyServiceJwtSubject(claims, options);
    if (!verdict.valid) return verdict;
    return { ...verdict, expiresAt: verdict.expiresAt === null ? claims.expiresAt : Math.min(verdict.expiresAt, claims.expiresAt) };
  }
}
