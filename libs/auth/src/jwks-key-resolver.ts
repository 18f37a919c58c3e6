import { UnauthorizedException } from '@nestjs/common';
import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { ApiException, OutboundError, outboundGet, type OutboundPolicy } from '#libs/http/src/index.js';

/** Resolves a signing key by `kid`; the only source of key material for dashboard JWTs. */
export interface SigningKeyResolver {
  getKey(kid: string): Promise<string>;
}

/** Reads an IdP's current signing keys (PEM by kid); rejects with a readable reason when it cannot. */
export type JwksLoader = () => Promise<Map<string, string>>;

const MIN_REFETCH_INTERVAL_MS = 1_000;
const FETCH_TIMEOUT_MS = 5_000;
/** Real JWKS documents are a few KB; a larger answer is not one. */
const MAX_JWKS_BYTES = 256 * 1024;

/**
 * Keys from the IdP's JWKS. An unknown `kid` triggers a refetch so a rotated key works without restart,
 * but concurrent misses share one fetch and refetches happen at most once a second: a flood of bogus
 * `kid`s neither hammers the IdP nor evicts the keys that valid tokens use. One instance per issuer.
 */
export class JwksKeyResolver implements SigningKeyResolver {
  private keys = new Map<string, string>();
  private lastFetchAt = 0;
  /** Why the latest fetch failed, until one succeeds. */
  private lastFailure?: string;
  private inflight?: Promise<void>;

  constructor(private readonly load: JwksLoader) {}

  async getKey(kid: string): Promise<string> {
    const known = this.keys.get(kid);
    if (known) return known;
    if (this.inflight) {
      await this.inflight;
    } else if (Date.now() - this.lastFetchAt >= MIN_REFETCH_INTERVAL_MS) {
      await this.refresh();
    }
    const key = this.keys.get(kid);
    if (key) return key;
    // Known keys stay usable while the IdP is unreachable; a key not seen yet cannot be checked until it answers.
    if (this.lastFailure) throw new ApiException(503, 'idp_unavailable', `The identity provider's keys cannot be fetched: its JWKS ${this.lastFailure}`);
    throw new UnauthorizedException('Unknown signing key');
  }

  private refresh(): Promise<void> {
    this.lastFetchAt = Date.now();
    this.inflight = this.load()
      .then(
        (keys) => {
          this.keys = keys;
          this.lastFailure = undefined;
        },
        (error: unknown) => {
          this.lastFailure = error instanceof Error ? error.message : String(error);
        },
      )
      .finally(() => {
        this.inflight = undefined;
      });
    return this.inflight;
  }
}

/** Signing keys of a JWKS document as PEM, by kid; entries that are not public signing keys are skipped. */
export function signingKeysOf(document: unknown): Map<string, string> {
  const keys = document && typeof document === 'object' ? (document as { keys?: unknown }).keys : undefined;
  const byKid = new Map<string, string>();
  for (const jwk of Array.isArray(keys) ? (keys as Array<JsonWebKey & { kid?: unknown; use?: unknown }>) : []) {
    if (!jwk || typeof jwk.kid !== 'string' || !jwk.kid || (jwk.use !== undefined && jwk.use !== 'sig') || jwk.d) continue;
    try {
      byKid.set(jwk.kid, createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString());
    } catch {
      // A key type this runtime cannot import is ignored rather than failing the whole set.
    }
  }
  return byKid;
}

/** The platform IdP's JWKS: a URL the operator configured (loopback allowed), not one a tenant wrote. */
export function platformJwks(uri: string): JwksLoader {
  return async () => {
    const response = await fetch(uri, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'error' });
    if (!response.ok) throw new Error(`answered ${response.status}`);
    return signingKeysOf(await response.json());
  };
}

/**
 * A tenant IdP's JWKS, under the outbound rules (the URL is the tenant's). Rejects, naming why, unless
 * the answer is a JWKS with at least one usable signing key.
 */
export function tenantJwks(uri: string, policy: OutboundPolicy): JwksLoader {
  return async () => {
    let answer: { status: number; body: Buffer };
    try {
      answer = await outboundGet(uri, policy, { timeoutMs: FETCH_TIMEOUT_MS, maxBytes: MAX_JWKS_BYTES, headers: { Accept: 'application/json' } });
    } catch (error) {
      throw error instanceof OutboundError && error.kind === 'not_allowed' ? new Error(`URL is not allowed: ${error.message}`) : error;
    }
    if (answer.status !== 200) throw new Error(`answered ${answer.status}`);
    let document: unknown;
    try {
      document = JSON.parse(answer.body.toString('utf8'));
    } catch {
      throw new Error('answered something that is not JSON');
    }
    if (!document || typeof document !== 'object' || !Array.isArray((document as { keys?: unknown }).keys))
      throw new Error('answered JSON without a "keys" list');
    const keys = signingKeysOf(document);
    if (keys.size === 0) throw new Error('holds no usable signing key (each needs a kid, a public key, and use "sig" if any)');
    return keys;
  };
}
