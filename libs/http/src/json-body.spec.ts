import { describe, expect, it } from '@jest/globals';
import { jsonNestsDeeperThan, MAX_JSON_DEPTH, verifyJsonBody } from './json-body.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');
const deeper = (text: string, max = 2) => jsonNestsDeeperThan(bytes(text), max);

describe('jsonNestsDeeperThan', () => {
  it('counts arrays and objects alike, up to and past the limit', () => {
    expect(deeper('[{"a":1}]')).toBe(false);
    expect(deeper('[{"a":[1]}]')).toBe(true);
    expect(deeper('{"a":{"b":1},"c":{"d":2}}')).toBe(false);
    expect(deeper('[[],[],[]]')).toBe(false);
    expect(deeper('{"a":{"b":{"c":1}}}')).toBe(true);
  });

  it('ignores brackets inside strings, whatever the escapes before a quote', () => {
    expect(deeper('["[[[[{{{{"]')).toBe(false);
    expect(deeper('["\\"[[[["]')).toBe(false);
    expect(deeper('["\\\\",[[1]]]')).toBe(true);
    expect(deeper('["\\\\\\"[[[["]')).toBe(false);
    expect(deeper('{"[[[":"]]]{{{"}')).toBe(false);
  });

  it('reads multi-byte UTF-8 without mistaking it for brackets', () => {
    expect(deeper('["日本語[", "💥{{{", {"é":"ok"}]')).toBe(false);
    expect(deeper('["日本語", [["💥"]]]')).toBe(true);
  });

  it('agrees with JSON.parse on the depth of every prefix-balanced value', () => {
    for (let depth = 1; depth <= 40; depth += 1) {
      const text = `${'[{"k":'.repeat(depth)}"]}"${'}]'.repeat(depth)}`;
      expect(() => JSON.parse(text) as unknown).not.toThrow();
      expect([depth, jsonNestsDeeperThan(bytes(text), MAX_JSON_DEPTH)]).toEqual([depth, 2 * depth > MAX_JSON_DEPTH]);
    }
  });
});

describe('verifyJsonBody', () => {
  const verify =
    (text: string, encoding: string | null = 'utf-8') =>
    () =>
      verifyJsonBody({} as never, undefined, bytes(text), encoding);

  it('passes UTF-8 bodies within the limit', () => {
    expect(verify('{"a":[1,2,3]}')).not.toThrow();
    expect(verify('{}', 'utf8')).not.toThrow();
    expect(verify('{}', null)).not.toThrow();
  });

  it('refuses deeper bodies with a 400 of its own type, naming the limit', () => {
    expect(verify('['.repeat(MAX_JSON_DEPTH + 1))).toThrow(
      expect.objectContaining({ status: 400, type: 'entity.too.deep', message: expect.stringContaining('32 levels') }),
    );
  });

  it('refuses any charset but UTF-8, whose bytes would not show the brackets', () => {
    for (const charset of ['utf-7', 'utf-16le', 'utf-16be', 'utf-32']) {
      expect(verify('{}', charset)).toThrow(expect.objectContaining({ status: 415, type: 'charset.unsupported' }));
    }
  });
});
