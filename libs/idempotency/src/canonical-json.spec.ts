import { describe, expect, it } from '@jest/globals';
import { canonicalJson, requestFingerprint } from './canonical-json.js';
import { deriveReplayKey, openReplay, sealReplay } from './replay-seal.js';

describe('canonicalJson', () => {
  it('spells equal JSON values alike: key order, spacing and number or escape spellings do not matter', () => {
    const a = JSON.parse('{"b": [1.0, {"y": "\\u0041", "x": null}], "a": 1e2}') as unknown;
    const b = JSON.parse('{"a":100,"b":[1,{"x":null,"y":"A"}]}') as unknown;
    expect(canonicalJson(a)).toBe('{"a":100,"b":[1,{"x":null,"y":"A"}]}');
    expect(canonicalJson(a)).toBe(canonicalJson(b));
  });

  it('tells different values apart, arrays in order', () => {
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
    expect(canonicalJson({ a: '1' })).not.toBe(canonicalJson({ a: 1 }));
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('binds the fingerprint to method and path as well as the body', () => {
    const fingerprint = requestFingerprint('POST', '/v1/tokens', { a: 1 });
    expect(fingerprint.equals(requestFingerprint('POST', '/v1/tokens', { a: 1 }))).toBe(true);
    expect(fingerprint.equals(requestFingerprint('POST', '/v1/tokens/x/rotate', { a: 1 }))).toBe(false);
  });
});

describe('sealed answers', () => {
  const key = deriveReplayKey('a-deployment-secret-of-thirty-two-chars');

  it('open only on the row they were sealed for, under the key they were sealed with', () => {
    const sealed = sealReplay(key, 'row-a', '{"token":"sk_secret"}');
    expect(sealed.includes(Buffer.from('sk_secret'))).toBe(false);
    expect(openReplay(key, 'row-a', sealed)).toBe('{"token":"sk_secret"}');
    expect(openReplay(key, 'row-b', sealed)).toBeUndefined();
    expect(openReplay(deriveReplayKey('another-deployment-secret-thirty-two'), 'row-a', sealed)).toBeUndefined();
    const altered = Buffer.from(sealed);
    altered[20] ^= 1;
    expect(openReplay(key, 'row-a', altered)).toBeUndefined();
  });
});
