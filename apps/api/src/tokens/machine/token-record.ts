import type { TokenKind } from '../token.types.js';

/** What validation needs to know about one presented secret (or one token id), times in epoch ms. */
export interface TokenRecord {
  tenantId: string;
  tokenId: string;
  kind: TokenKind;
  scopes: string[];
  expiresAt: number | null;
  revokedAt: number | null;
  /** The secret this record was found by (see `secretIdOf`). */
  secretId: string;
  /** End of the rotation grace period, for a secret that has been rotated away. */
  secretExpiresAt: number | null;
}

export type InvalidReason = 'unknown' | 'revoked' | 'expired';

export type TokenVerdict =
  | { valid: true; record: TokenRecord; /** When this credential stops working (token or secret expiry). */ expiresAt: number | null }
  | { valid: false; reason: InvalidReason };

export function judge(record: TokenRecord | undefined, now = Date.now()): TokenVerdict {
  if (!record) return { valid: false, reason: 'unknown' };
  if (record.revokedAt !== null) return { valid: false, reason: 'revoked' };
  const expiresAt = minOf(record.expiresAt, record.secretExpiresAt);
  if (expiresAt !== null && expiresAt <= now) return { valid: false, reason: 'expired' };
  return { valid: true, record, expiresAt };
}

function minOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}
