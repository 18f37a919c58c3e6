import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The wire form of a cursor: base64url of `version ‖ iv ‖ AES-256-CTR(claims JSON) ‖ HMAC-SHA256(version ‖ iv ‖ ciphertext)`.
 * The HMAC makes every cursor one the server issued; it is checked before anything is decrypted or parsed.
 * The encryption keeps positions private: some are internal keys (a global event serial would tell
 * other tenants' ingest volume).
 */
const VERSION = 1;
const IV_BYTES = 16;
const TAG_BYTES = 32;
const KEY_BYTES = 32;

/** Longer than any cursor the lists issue (their text positions are capped), short enough to check cheaply. */
export const MAX_CURSOR_LENGTH = 4096;

export interface CursorKeys {
  mac: Buffer;
  encryption: Buffer;
}

/** Subkeys of the deployment's audit key, so every instance accepts the others' cursors. */
export function deriveCursorKeys(secret: string): CursorKeys {
  const material = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'cursor', 2 * KEY_BYTES));
  return { mac: material.subarray(0, KEY_BYTES), encryption: material.subarray(KEY_BYTES) };
}

export function sealCursor(keys: CursorKeys, claims: unknown): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-ctr', keys.encryption, iv);
  const body = Buffer.concat([Buffer.of(VERSION), iv, cipher.update(JSON.stringify(claims), 'utf8'), cipher.final()]);
  return Buffer.concat([body, tagOf(keys, body)]).toString('base64url');
}

/** The claims of a cursor this deployment sealed; undefined for anything else. */
export function openCursor(keys: CursorKeys, token: string): unknown {
  if (token.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  const bytes = Buffer.from(token, 'base64url');
  // Only the canonical spelling: otherwise unused low bits of the last character could change unnoticed.
  if (bytes.toString('base64url') !== token || bytes.length <= 1 + IV_BYTES + TAG_BYTES || bytes[0] !== VERSION) return undefined;
  const body = bytes.subarray(0, bytes.length - TAG_BYTES);
  if (!timingSafeEqual(bytes.subarray(body.length), tagOf(keys, body))) return undefined;
  const decipher = createDecipheriv('aes-256-ctr', keys.encryption, body.subarray(1, 1 + IV_BYTES));
  const json = Buffer.concat([decipher.update(body.subarray(1 + IV_BYTES)), decipher.final()]).toString('utf8');
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}

function tagOf(keys: CursorKeys, body: Buffer): Buffer {
  return createHmac('sha256', keys.mac).update(body).digest();
}
