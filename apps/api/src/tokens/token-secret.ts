import { hash, randomBytes } from 'node:crypto';
import type { TokenKind } from './token.types.js';

const KIND_PREFIX: Record<TokenKind, string> = { secret: 'sk_', publishable: 'pk_' };
/** `sk_`/`pk_` and 32 random bytes in base64url (43 characters). */
const TOKEN_PATTERN = /^(sk|pk)_[A-Za-z0-9_-]{43}$/;
const DISPLAY_PREFIX_LENGTH = 11;
export const TOKEN_ID_PATTERN = /^tok_[A-Za-z0-9_-]{22}$/;

export interface MintedSecret {
  /** Returned to the caller once; never stored, never logged. */
  plaintext: string;
  /** SHA-256 of the plaintext, hex: the only form that is stored (and the cache key). */
  hash: string;
  /** `sk_` plus 8 characters, so people can tell their tokens apart. */
  prefix: string;
}

export function mintSecret(kind: TokenKind): MintedSecret {
  const plaintext = `${KIND_PREFIX[kind]}${randomBytes(32).toString('base64url')}`;
  return { plaintext, hash: hashSecret(plaintext), prefix: plaintext.slice(0, DISPLAY_PREFIX_LENGTH) };
}

export const hashSecret = (plaintext: string): string => hash('sha256', plaintext);

/** Names one secret of a token (the first 16 bytes of its hash, hex): service JWTs carry it as `sid`. */
export const secretIdOf = (secretHash: string): string => secretHash.slice(0, 32);
export const SECRET_ID_PATTERN = /^[0-9a-f]{32}$/;

/** Cheap shape check, so garbage never costs a database round trip. */
export const looksLikeApiToken = (value: string): boolean => TOKEN_PATTERN.test(value);

export const newTokenId = (): string => `tok_${randomBytes(16).toString('base64url')}`;
