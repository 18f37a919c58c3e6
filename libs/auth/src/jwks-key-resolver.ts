import { ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import { createPublicKey, type JsonWebKey } from 'node:crypto';

/** Resolves a signing key by `kid`; the only source of key material for dashboard JWTs. */
export interface SigningKeyResolver {
  getKey(kid: string): Promise<string>;
}

const MIN_REFETCH_INTERVAL_MS = 1_000;
const FETCH_TIMEOUT_MS = 5_000;

/**
 * Keys from the IdP's JWKS. An unknown `kid` triggers a refetch so a rotated key works without restart,
 * but concurrent misses share one fetch and refetches happen at most once a second: a flood of bogus
 * `kid`s neither hammers the IdP nor evicts the keys that valid tokens use.
 */
export class JwksKeyResolver implements SigningKeyResolver {
  private keys = new Map<string, string>();
  private lastFetchAt = 0;
  private inflight?: Promise<void>;

  constructor(private readonly jwksUri: string) {}

  async getKey(kid: string): Promise<string> {
    const known = this.keys.get(kid);
    if (known) return known;
    if (this.inflight) {
      await this.inflight;
    } else if (Date.now() - this.lastFetchAt >= MIN_REFETCH_INTERVAL_MS) {
      await this.refresh();
    }
    const key = this.keys.get(kid);
    if (!key) throw new UnauthorizedException('Unknown signing key');
    return key;
  }

  private refresh(): Promise<void> {
    this.lastFetchAt = Date.now();
    this.inflight = fetchJwks(this.jwksUri)
      .then((keys) => {
        this.keys = keys;
      })
      .catch(() => {
        // Known keys stay usable while the IdP is unreachable; only unseen kids wait for it.
        if (this.keys.size === 0) throw new ServiceUnavailableException('Identity provider keys are unavailable');
      })
      .finally(() => {
        this.inflight = undefined;
      });
    return this.inflight;
  }
}

/** Signing keys of a JWKS document as PEM, by kid; entries that are not public signing keys are skipped. */
async function fetchJwks(uri: string): Promise<Map<string, string>> {
  const response = await fetch(uri, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'error' });
  if (!response.ok) throw new Error(`JWKS answered ${response.status}`);
  const { keys } = (await response.json()) as { keys?: Array<JsonWebKey & { kid?: string; use?: string }> };
  const byKid = new Map<string, string>();
  for (const jwk of keys ?? []) {
    if (!jwk.kid || (jwk.use && jwk.use !== 'sig') || jwk.d) continue;
    try {
      byKid.set(jwk.kid, createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString());
    } catch {
      // A key type this runtime cannot import is ignored rather than failing the whole set.
    }
  }
  return byKid;
}
