import { LRUCache } from 'lru-cache';
import type { IdentityProviderRecord } from '#libs/database/src/index.js';
import { ApiException, type OutboundPolicy } from '#libs/http/src/index.js';
import { JwksKeyResolver, type SigningKeyResolver, tenantJwks } from './jwks-key-resolver.js';

/** How a token of one issuer is checked, besides its signature and times. */
export interface IssuerVerifier {
  /** The tenant that registered this issuer; undefined for the platform's IdP. */
  tenantId?: string;
  keys: SigningKeyResolver;
  audience?: string;
  authorizedParties: string[];
  algorithms: readonly string[];
}

/**
 * How long an issuer's tenant and settings are remembered. Another instance's change to a tenant's IdP
 * reaches this one within it; the issuer a tenant has registered is read again on every request anyway
 * (with its membership), so a removed IdP stops being honoured at once.
 */
export const ISSUER_LOOKUP_TTL_MS = 5_000;
/** Issuers remembered (unknown ones included, so a flood of made-up issuers costs one look-up each per TTL). */
const MAX_ISSUERS = 10_000;
/** JWKS caches kept at once; a tenant whose cache was evicted refetches its keys on its next token. */
const MAX_KEY_CACHES = 1_000;
const MAX_ISSUER_LENGTH = 2_048;

export const unknownIssuer = () => new ApiException(401, 'unknown_issuer', "The token's issuer is not accepted here");

/**
 * Picks the verifier for a token's `iss`: the platform's IdP, or the one tenant that registered that
 * issuer. Anything else is refused before any key is fetched. Each tenant issuer gets its own JWKS
 * cache (the same single-flight, once-a-second rules as the platform's), kept in a bounded LRU so that
 * thousands of tenants cannot exhaust memory.
 */
export class IssuerVerifiers {
  private readonly records: LRUCache<string, { record: IdentityProviderRecord | undefined }>;
  private readonly keyCaches = new LRUCache<string, JwksKeyResolver>({ max: MAX_KEY_CACHES });

  constructor(
    private readonly platform: IssuerVerifier & { issuer?: string },
    lookup: (issuer: string) => Promise<IdentityProviderRecord | undefined>,
    private readonly outbound: OutboundPolicy,
  ) {
    // Concurrent look-ups of one issuer share one query.
    this.records = new LRUCache({ max: MAX_ISSUERS, ttl: ISSUER_LOOKUP_TTL_MS, fetchMethod: async (issuer) => ({ record: await lookup(issuer) }) });
  }

  async forIssuer(issuer: unknown): Promise<IssuerVerifier> {
    if (this.platform.issuer !== undefined && issuer === this.platform.issuer) return this.platform;
    const record = typeof issuer === 'string' && issuer.length <= MAX_ISSUER_LENGTH ? (await this.records.fetch(issuer))?.record : undefined;
    if (!record) {
      // Without a configured platform issuer (development), the platform IdP takes every issuer no tenant claimed.
      if (this.platform.issuer === undefined) return this.platform;
      throw unknownIssuer();
    }
    return {
      tenantId: record.tenantId,
      keys: this.keysOf(record),
      audience: record.audience ?? undefined,
      authorizedParties: record.authorizedParties,
      algorithms: record.algorithms,
    };
  }

  private keysOf(record: IdentityProviderRecord): JwksKeyResolver {
    const id = `${record.tenantId}\n${record.jwksUrl}`;
    let keys = this.keyCaches.get(id);
    if (!keys) {
      keys = new JwksKeyResolver(tenantJwks(record.jwksUrl, this.outbound));
      this.keyCaches.set(id, keys);
    }
    return keys;
  }
}
