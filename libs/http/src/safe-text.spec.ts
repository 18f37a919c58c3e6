import { describe, expect, it } from '@jest/globals';
import { MAX_FIELD_ERRORS } from './error-codes.js';
import { unsafeTextIn, unsafeTextProblem } from './safe-text.js';

describe('unsafeTextProblem', () => {
  it('names NUL characters and unpaired surrogates, and passes other text', () => {
    expect(unsafeTextProblem('a\u0000b')).toBe('must not contain NUL characters');
    expect(unsafeTextProblem('\ud800')).toBe('must be well-formed Unicode (no unpaired surrogates)');
    expect(unsafeTextProblem('x\udc00')).toBe('must be well-formed Unicode (no unpaired surrogates)');
    expect(unsafeTextProblem('😀 \u0001 é \ufffd')).toBeUndefined();
  });
});

describe('unsafeTextIn', () => {
  it('names every bad value by its dotted path, array items by index', () => {
    const body = { name: 'ok', events: [{ userId: 'fine' }, { userId: 'a\u0000', geo: { city: '\ud800' } }], labels: ['x', '\udfff'] };
    expect(unsafeTextIn(body, 'body')).toEqual([
      { path: 'labels.1', message: 'labels.1 must be well-formed Unicode (no unpaired surrogates)' },
      { path: 'events.1.userId', message: 'events.1.userId must not contain NUL characters' },
      { path: 'events.1.geo.city', message: 'events.1.geo.city must be well-formed Unicode (no unpaired surrogates)' },
    ]);
  });

  it('names bad keys with the key escaped, and a bad value at the top by its source', () => {
    expect(unsafeTextIn({ metadata: { 'a\u0000': 1 } }, 'body')).toEqual([
      { path: 'metadata', message: 'metadata key "a\\u0000" must not contain NUL characters' },
    ]);
    expect(unsafeTextIn({ '\ud800': 1 }, 'query')).toEqual([{ path: '', message: 'query key "\\ud800" must be well-formed Unicode (no unpaired surrogates)' }]);
    expect(unsafeTextIn('\u0000', 'body')).toEqual([{ path: '', message: 'body must not contain NUL characters' }]);
  });

  it('passes clean values and anything that is not text', () => {
    expect(unsafeTextIn({ a: [1, true, null, { b: 'c' }], d: 2.5 }, 'body')).toEqual([]);
    expect(unsafeTextIn(undefined, 'body')).toEqual([]);
  });

  it('stops after the most problems an answer lists', () => {
    expect(
      unsafeTextIn(
        Array.from({ length: MAX_FIELD_ERRORS + 500 }, () => '\u0000'),
        'body',
      ),
    ).toHaveLength(MAX_FIELD_ERRORS);
  });
});
