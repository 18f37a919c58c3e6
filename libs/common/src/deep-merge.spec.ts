import { describe, expect, it } from '@jest/globals';
import { deepMerge, findForbiddenKey } from './deep-merge.js';

describe('deepMerge', () => {
  it('merges nested objects, replaces scalars and arrays, and deletes on null', () => {
    const merged = deepMerge({ a: 1, nested: { keep: true, drop: 'x', list: [1, 2] } }, { b: 2, nested: { drop: null, list: [3], added: { deep: 1 } } });
    expect(merged).toEqual({ a: 1, b: 2, nested: { keep: true, list: [3], added: { deep: 1 } } });
  });

  it('does not mutate its inputs', () => {
    const target = { nested: { a: 1 } };
    deepMerge(target, { nested: { b: 2 } });
    expect(target).toEqual({ nested: { a: 1 } });
  });

  it('finds prototype-pollution keys at any depth', () => {
    expect(findForbiddenKey(JSON.parse('{"a":{"b":[{"__proto__":{"x":1}}]}}'))).toBe('a.b.0.__proto__');
    expect(findForbiddenKey({ a: { constructor: 1 } })).toBe('a.constructor');
    expect(findForbiddenKey({ a: { fine: 1 } })).toBeUndefined();
  });
});
