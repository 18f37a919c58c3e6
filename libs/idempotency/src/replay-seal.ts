import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Stored answers are sealed: POST /v1/tokens answers with a token's plaintext, which must not sit readable
 * in the database for the 24 h a key is kept. AES-256-GCM under a subkey of AUDIT_HMAC_KEY (HKDF, info
 * `idempotency`), so every instance of a deployment opens the others' rows. The row's identity is the
 * additional data: an answer copied onto another caller's or tenant's row does not open there.
 * Layout: version ‖ 12-byte IV ‖ ciphertext ‖ 16-byte tag.
 */
const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function deriveReplayKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'idempotency', 32));
}

export function sealReplay(key: Buffer, rowIdentity: string, plaintext: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(rowIdentity, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.of(VERSION), iv, ciphertext, cipher.getAuthTag()]);
}

/** The plaintext, or undefined when the row was sealed under another key (AUDIT_HMAC_KEY changed) or altered. */
export function openReplay(key: Buffer, rowIdentity: string, sealed: Buffer): string | undefined {
  if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== VERSION) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 1 + IV_BYTES)).setAAD(Buffer.from(rowIdentity, 'utf8'));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
