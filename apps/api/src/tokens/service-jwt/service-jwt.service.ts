import { Injectable, UnauthorizedException } from '@nestjs/common';
import { errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { randomUUID } from 'node:crypto';
import type { TokenRecord } from '../machine/token-record.js';
import type { ServiceJwtSubject } from '../machine/token-verifier.js';
import { SECRET_ID_PATTERN } from '../token-secret.js';
import { ServiceSigningKeys } from './service-signing-keys.js';

export const SERVICE_JWT_ISSUER = 'admin-api';
export const SERVICE_JWT_AUDIENCE = 'admin-api';
export const SERVICE_JWT_TTL_SECONDS = 3600;
const CLOCK_SKEW_SECONDS = 60;

export interface ServiceJwtClaims extends ServiceJwtSubject {
  /** Epoch ms. */
  expiresAt: number;
}

/**
 * Service JWTs: ES256, `iss`/`aud` this service, `sub` the API token id, `tid` its tenant, `scope` its
 * scopes, `sid` the secret it was minted from (so it ends with that secret's rotation grace period).
 */
@Injectable()
export class ServiceJwtService {
  constructor(private readonly keys: ServiceSigningKeys) {}

  /** Lives an hour, or less when the API token (or a rotated-away secret) expires sooner. */
  async sign(record: TokenRecord, credentialExpiresAt: number | null): Promise<{ token: string; expiresIn: number }> {
    const now = Math.floor(Date.now() / 1000);
    const limit = credentialExpiresAt === null ? Infinity : Math.floor(credentialExpiresAt / 1000) - now;
    const expiresIn = Math.max(1, Math.min(SERVICE_JWT_TTL_SECONDS, limit));
    const token = await new SignJWT({ tid: record.tenantId, sid: record.secretId, scope: record.scopes.join(' ') })
      .setProtectedHeader({ alg: 'ES256', kid: this.keys.kid, typ: 'JWT' })
      .setIssuer(SERVICE_JWT_ISSUER)
      .setAudience(SERVICE_JWT_AUDIENCE)
      .setSubject(record.tokenId)
      .setJti(randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(now + expiresIn)
      .sign(this.keys.privateKey);
    return { token, expiresIn };
  }

  /** True when the bearer claims to come from us; such a token is never tried as a dashboard JWT. */
  isServiceJwt(bearer: string): boolean {
    const payload = bearer.split('.')[1];
    if (!payload) return false;
    try {
      return (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as JWTPayload).iss === SERVICE_JWT_ISSUER;
    } catch {
      return false;
    }
  }

  /** Verifies signature (our own keys only, chosen by `kid`), algorithm, issuer, audience and lifetime. */
  async verify(bearer: string): Promise<ServiceJwtClaims> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(bearer, (header) => this.keys.verificationKey(header.kid), {
        issuer: SERVICE_JWT_ISSUER,
        audience: SERVICE_JWT_AUDIENCE,
        algorithms: ['ES256'],
        clockTolerance: CLOCK_SKEW_SECONDS,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      throw new UnauthorizedException(describeFailure(error));
    }
    const { tid, sub, sid } = payload;
    if (typeof tid !== 'string' || typeof sub !== 'string' || typeof sid !== 'string' || !SECRET_ID_PATTERN.test(sid)) {
      throw new UnauthorizedException('Malformed token');
    }
    return { tenantId: tid, tokenId: sub, secretId: sid, expiresAt: payload.exp! * 1000 };
  }
}

function describeFailure(error: unknown): string {
  if (error instanceof UnauthorizedException) return error.message;
  if (error instanceof errors.JWTExpired) return 'Token expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return 'Issuer mismatch';
    if (error.claim === 'aud') return 'Audience mismatch';
    if (error.claim === 'nbf' || error.claim === 'iat') return 'Token not yet valid';
    return 'Invalid token';
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'Invalid signature';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'Algorithm not allowed';
  return 'Malformed token';
}
