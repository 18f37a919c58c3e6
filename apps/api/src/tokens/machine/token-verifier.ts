import { Injectable } from '@nestjs/common';
import { hashSecret, looksLikeApiToken } from '../token-secret.js';
import { TokenCache } from './token-cache.js';
import { TokenLookupRepository } from './token-lookup.repository.js';
import { judge, type TokenRecord, type TokenVerdict } from './token-record.js';
import { TokenUsageRecorder } from './token-usage.recorder.js';

export interface ServiceJwtSubject {
  tenantId: string;
  tokenId: string;
  secretId: string;
}

export interface VerifyOptions {
  /** Skip the cache and read the database (the gateway's `Cache-Control: no-cache`). */
  fresh?: boolean;
}

/**
 * The one place that decides whether a presented API token (or a service JWT's token and secret) is valid:
 * cache first, else one database look-up whose answer is cached. Valid uses are recorded for lastUsedAt.
 */
@Injectable()
export class TokenVerifier {
  constructor(
    private readonly cache: TokenCache,
    private readonly lookup: TokenLookupRepository,
    private readonly usage: TokenUsageRecorder,
  ) {}

  async verifyApiKey(plaintext: string, options: VerifyOptions = {}): Promise<TokenVerdict> {
    if (!looksLikeApiToken(plaintext)) return { valid: false, reason: 'unknown' };
    const hash = hashSecret(plaintext);
    return this.verify(`k:${hash}`, () => this.lookup.byHash(hash), options);
  }

  /** A service JWT is as valid as the secret it was minted from: rotation and revocation end it too. */
  verifyServiceJwtSubject(subject: ServiceJwtSubject, options: VerifyOptions = {}): Promise<TokenVerdict> {
    const { tenantId, tokenId, secretId } = subject;
    return this.verify(`j:${tenantId}:${tokenId}:${secretId}`, () => this.lookup.bySecretId(tenantId, tokenId, secretId), options);
  }

  /** Drops a token from this instance's cache at once (the NOTIFY does it on every instance). */
  evict(tokenId: string): void {
    this.cache.evict(tokenId);
  }

  private async verify(key: string, load: () => Promise<TokenRecord | undefined>, options: VerifyOptions): Promise<TokenVerdict> {
    let record = options.fresh ? undefined : this.cache.get(key);
    if (!record) {
      const epoch = this.cache.epoch;
      record = await load();
      if (record) this.cache.set(key, record, epoch);
    }
    const verdict = judge(record);
    if (verdict.valid) this.usage.record(verdict.record.tenantId, verdict.record.tokenId);
    return verdict;
  }
}
