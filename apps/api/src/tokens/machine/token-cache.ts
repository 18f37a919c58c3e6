import { Injectable } from '@nestjs/common';
import type { TokenRecord } from './token-record.js';

const MAX_ENTRIES = 100_000;

/**
 * Token records in process, keyed by the SHA-256 of the secret (`k:<hash>`) or, for service JWTs, by the
 * token and the secret it was minted from (`j:<tenant>:<token id>:<secret id>`). Entries are evicted by
 * token id when PostgreSQL notifies a change. A record is stored as read, whatever its state: the
 * verifier judges expiry and revocation on every use, so an entry that expires needs no eviction.
 *
 * Every eviction bumps `epoch`; a database read started before it may not be stored afterwards, so a
 * read racing a revocation can never re-insert the token as valid. While the change listener is down
 * the cache is disabled (nothing served, nothing stored): a missed notification must not leave a
 * revoked token usable.
 */
@Injectable()
export class TokenCache {
  private readonly entries = new Map<string, TokenRecord>();
  private readonly keysByToken = new Map<string, Set<string>>();
  private currentEpoch = 0;
  private enabled = false;

  get epoch(): number {
    return this.currentEpoch;
  }

  get(key: string): TokenRecord | undefined {
    return this.enabled ? this.entries.get(key) : undefined;
  }

  /** Stores `record` unless something was evicted since `epoch` was read. */
  set(key: string, record: TokenRecord, epoch: number): void {
    if (!this.enabled || epoch !== this.currentEpoch) return;
    if (this.entries.size >= MAX_ENTRIES) this.clear();
    this.entries.set(key, record);
    let keys = this.keysByToken.get(record.tokenId);
    if (!keys) this.keysByToken.set(record.tokenId, (keys = new Set()));
    keys.add(key);
  }

  evict(tokenId: string): void {
    this.currentEpoch += 1;
    for (const key of this.keysByToken.get(tokenId) ?? []) this.entries.delete(key);
    this.keysByToken.delete(tokenId);
  }

  /** The change listener is (back) up: start from nothing, since notifications may have been missed. */
  enable(): void {
    this.clear();
    this.enabled = true;
  }

  disable(): void {
    this.enabled = false;
    this.clear();
  }

  private clear(): void {
    this.currentEpoch += 1;
    this.entries.clear();
    this.keysByToken.clear();
  }
}
