import { describe, expect, it } from '@jest/globals';
import { boundedText } from './bounded-text.js';

describe('boundedText', () => {
  it('keeps short, clean text as it is', () => {
    expect(boundedText('user_1 🙂', 256)).toBe('user_1 🙂');
  });

  it('cuts to the limit without leaving half a surrogate pair', () => {
    expect(boundedText('x'.repeat(300), 256)).toHaveLength(256);
    expect(boundedText('ab🙂', 3)).toBe('ab\uFFFD');
  });

  it('replaces what PostgreSQL text cannot hold', () => {
    expect(boundedText('a\u0000b\uD800c', 10)).toBe('a\uFFFDb\uFFFDc');
  });
});
