import { describe, expect, it } from '@jest/globals';
import { deriveCursorKeys, MAX_CURSOR_LENGTH, openCursor, sealCursor } from './cursor-token.js';

const keys = deriveCursorKeys('deployment-key-0123456789abcdef0123456789');
const claims = { list: 'tokens', scope: 'tenant:acme', sort: 'createdAt', order: 'desc', positions: ['2026-11-26T10:00:00.123456Z', 'tok_1'] };

/** The token with byte `index` of its decoded form flipped. */
function withByteFlipped(token: string, index: number): string {
  const bytes = Buffer.from(token, 'base64url');
  bytes[index] ^= 0x01;
  return bytes.toString('base64url');
}

describe('cursor tokens', () => {
  it('open to the claims they were sealed with, on any instance holding the same key', () => {
    const token = sealCursor(keys, claims);
    expect(openCursor(deriveCursorKeys('deployment-key-0123456789abcdef0123456789'), token)).toEqual(claims);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('hide what they carry', () => {
    const token = sealCursor(keys, claims);
    expect(Buffer.from(token, 'base64url').toString('latin1')).not.toContain('tok_1');
    expect(sealCursor(keys, claims)).not.toBe(token);
  });

  it('do not open with another deployment’s key', () => {
    expect(openCursor(deriveCursorKeys('another-deployment-key-0123456789abcdef'), sealCursor(keys, claims))).toBeUndefined();
  });

  it('do not open once any byte has changed', () => {
    const token = sealCursor(keys, claims);
    const length = Buffer.from(token, 'base64url').length;
    const opened = Array.from({ length }, (_, index) => openCursor(keys, withByteFlipped(token, index)));
    expect(opened.filter((result) => result !== undefined)).toEqual([]);
  });

  it('do not open when any character has changed, including unused bits of the last one', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    // Three lengths in a row: every way a last character can carry unused bits.
    for (const id of ['tok_1', 'tok_12', 'tok_123']) {
      const token = sealCursor(keys, { ...claims, positions: [claims.positions[0], id] });
      const variants = [...token].flatMap((char, index) =>
        [...alphabet].filter((other) => other !== char).map((other) => token.slice(0, index) + other + token.slice(index + 1)),
      );
      expect(variants.filter((variant) => openCursor(keys, variant) !== undefined)).toEqual([]);
    }
  });

  it('refuse what is not a sealed token at all', () => {
    const token = sealCursor(keys, claims);
    for (const input of [
      '',
      'x',
      '=',
      `${token}=`,
      `${token}A`,
      token.slice(1),
      token.slice(0, -1),
      `${token} `,
      token.replace(/.$/, '+'),
      'A'.repeat(MAX_CURSOR_LENGTH + 1),
    ]) {
      expect([input, openCursor(keys, input)]).toEqual([input, undefined]);
    }
  });
});
