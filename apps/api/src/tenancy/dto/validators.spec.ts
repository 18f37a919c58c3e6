import { describe, expect, it } from '@jest/globals';
import { originProblem } from './validators.js';

describe('originProblem (tenant allowedOrigins)', () => {
  it('accepts exact origins: scheme, host and a non-default port', () => {
    for (const origin of [
      'https://shop.example.com',
      'http://localhost:3000',
      'http://127.0.0.1:8080',
      'http://[::1]:3000',
      'https://xn--bcher-kva.de',
      'https://my_shop.example.com',
    ]) {
      expect([origin, originProblem(origin)]).toEqual([origin, undefined]);
    }
  });

  it.each([
    ['https://*.example.com', 'has a wildcard; list each origin'],
    ['*', 'has a wildcard; list each origin'],
    ['https://example.com.', 'has a host ending in a dot'],
    ['https://shop.example.com/', 'has a path, query or fragment'],
    ['https://shop.example.com/checkout', 'has a path, query or fragment'],
    ['https://shop.example.com?x=1', 'has a path, query or fragment'],
    ['https://shop.example.com?', 'has a path, query or fragment'],
    ['https://shop.example.com#top', 'has a path, query or fragment'],
    ['https://user:secret@shop.example.com', 'has user info'],
    ['https://@shop.example.com', 'has user info'],
    ['ftp://shop.example.com', 'must use http or https'],
    ['javascript:alert(1)', 'must use http or https'],
    ['shop.example.com', 'is not a URL'],
    ['https://exa mple.com', 'is not a URL'],
    ['https://a..example.com', 'has a malformed host'],
    ['https://-shop.example.com', 'has a malformed host'],
    ['https://Shop.Example.com', 'must be written https://shop.example.com'],
    ['https://shop.example.com:443', 'must be written https://shop.example.com'],
    ['https://bücher.de', 'must be written https://xn--bcher-kva.de'],
    ['http://127.1', 'must be written http://127.0.0.1'],
    ['https://shop.example.com\t', 'must be written https://shop.example.com'],
    [`https://${'a'.repeat(300)}.com`, 'is longer than 300 characters'],
  ])('refuses %j: %s', (origin, problem) => {
    expect(originProblem(origin)).toBe(problem);
  });
});
