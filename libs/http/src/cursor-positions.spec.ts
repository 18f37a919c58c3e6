import { describe, expect, it } from '@jest/globals';
import { isPosition, MAX_TEXT_POSITION, type PositionKind } from './cursor-positions.js';

const cases: Record<PositionKind, { valid: unknown[]; invalid: unknown[] }> = {
  timestamp: {
    valid: ['2026-11-26T10:00:00.123456Z', '0001-01-01T00:00:00.000000Z', '9999-12-31T23:59:59.999999Z', '2024-02-29T12:00:00.000001Z'],
    invalid: [
      '0000-01-01T00:00:00.000000Z',
      '10000-01-01T00:00:00.000000Z',
      '+294277-01-01T00:00:00.000000Z',
      '2026-02-29T00:00:00.000000Z',
      '2026-04-31T00:00:00.000000Z',
      '2026-13-01T00:00:00.000000Z',
      '2026-00-01T00:00:00.000000Z',
      '2026-11-00T00:00:00.000000Z',
      '2026-11-26T24:00:00.000000Z',
      '2026-11-26T10:60:00.000000Z',
      '2026-11-26T10:00:60.000000Z',
      '2026-11-26T10:00:00.123Z',
      '2026-11-26T10:00:00.1234567Z',
      '2026-11-26T10:00:00.123456+00:00',
      '2026-11-26T10:00:00.123456+16:00',
      '2026-11-26 10:00:00.123456Z',
      '2026-11-26T10:00:00.123456z',
      ' 2026-11-26T10:00:00.123456Z',
      '2026-11-26T10:00:00.123456Z\u0000',
      'infinity',
      '',
      1_764_151_200_000,
      null,
      ['2026-11-26T10:00:00.123456Z'],
    ],
  },
  int: {
    valid: [0, 1, -1, 2 ** 31 - 1, -(2 ** 31)],
    invalid: [2 ** 31, -(2 ** 31) - 1, 1.5, Number.MAX_SAFE_INTEGER + 2, 1e300, Infinity, NaN, '5', null, true, [5], { value: 5 }],
  },
  bigint: {
    valid: ['0', '1', '-1', '9223372036854775807', '-9223372036854775808'],
    invalid: ['9223372036854775808', '-9223372036854775809', '99999999999999999999', '01', '-0', '1e3', '0x10', '1.0', ' 1', '+1', '', 5, null, ['1']],
  },
  text: {
    valid: ['', 'user_1', 'ü🙂', 'x'.repeat(MAX_TEXT_POSITION)],
    invalid: ['a\u0000b', '\ud800', 'x\udfff', 'x'.repeat(MAX_TEXT_POSITION + 1), 5, null, false, ['a'], { text: 'a' }],
  },
};

describe('isPosition', () => {
  for (const [kind, { valid, invalid }] of Object.entries(cases) as Array<[PositionKind, (typeof cases)[PositionKind]]>) {
    it(`takes a ${kind} only when PostgreSQL would read it back as itself`, () => {
      expect(valid.filter((value) => !isPosition(kind, value))).toEqual([]);
      expect(invalid.filter((value) => isPosition(kind, value))).toEqual([]);
    });
  }
});
