import { describe, expect, it } from '@jest/globals';
import { parseInstant } from './instant.js';

const iso = (value: string, dateOnly = false) => {
  const instant = parseInstant(value, { dateOnly });
  return instant === undefined ? undefined : new Date(instant).toISOString();
};

describe('parseInstant', () => {
  it('reads Z and every offset up to ±23:59 as the UTC instant', () => {
    expect(iso('2025-01-31T12:00:00Z')).toBe('2025-01-31T12:00:00.000Z');
    expect(iso('2025-01-31T12:00Z')).toBe('2025-01-31T12:00:00.000Z');
    expect(iso('2025-01-31T14:00:00.5+02:00')).toBe('2025-01-31T12:00:00.500Z');
    expect(iso('2025-02-01T11:59:00+23:59')).toBe('2025-01-31T12:00:00.000Z');
    expect(iso('2025-01-30T12:01:00-23:59')).toBe('2025-01-31T12:00:00.000Z');
    expect(iso('2025-01-31T04:00:00-0800')).toBe('2025-01-31T12:00:00.000Z');
  });

  it('truncates fractions below the millisecond', () => {
    expect(iso('2025-01-31T12:00:00.123999Z')).toBe('2025-01-31T12:00:00.123Z');
    expect(iso('2025-01-31T12:00:00.123456789Z')).toBe('2025-01-31T12:00:00.123Z');
  });

  it('refuses a time without a zone, and a date alone unless asked for', () => {
    expect(iso('2025-01-31T12:00:00')).toBeUndefined();
    expect(iso('2025-01-31 12:00:00Z')).toBeUndefined();
    expect(iso('2025-01-31')).toBeUndefined();
    expect(iso('2025-01-31', true)).toBe('2025-01-31T00:00:00.000Z');
  });

  it('refuses dates and times that do not exist', () => {
    expect(iso('2025-02-29T00:00:00Z')).toBeUndefined();
    expect(iso('2024-02-29T00:00:00Z')).toBe('2024-02-29T00:00:00.000Z');
    expect(iso('2025-13-01', true)).toBeUndefined();
    expect(iso('2025-01-31T24:00:00Z')).toBeUndefined();
    expect(iso('2025-01-31T12:60:00Z')).toBeUndefined();
    expect(iso('2025-01-31T12:00:60Z')).toBeUndefined();
    expect(iso('2025-01-31T12:00:00+24:00')).toBeUndefined();
    expect(iso('2025-01-31T12:00:00+01:60')).toBeUndefined();
  });

  it('takes years below 100 as they are, and keeps every instant within 0001..9999 UTC', () => {
    expect(iso('0050-06-01T00:00:00Z')).toBe('0050-06-01T00:00:00.000Z');
    expect(iso('0001-01-01T00:00:00Z')).toBe('0001-01-01T00:00:00.000Z');
    expect(iso('9999-12-31T23:59:59.999Z')).toBe('9999-12-31T23:59:59.999Z');
    expect(iso('0000-06-01T00:00:00Z')).toBeUndefined();
    expect(iso('0001-01-01T00:00:00+00:01')).toBeUndefined();
    expect(iso('9999-12-31T23:00:00-05:00')).toBeUndefined();
    expect(iso('+275760-09-13T00:00:00Z')).toBeUndefined();
    expect(iso('294277-01-01T00:00:00Z')).toBeUndefined();
    expect(iso('-000001-01-01T00:00:00Z')).toBeUndefined();
  });

  it('refuses what is not an instant at all', () => {
    for (const value of ['', 'yesterday', '1738324800000', '2025-W05-1', '2025-031', '2025-01-31T12:00:00Z ', '2025-01-31T12:00:00.Z']) {
      expect([value, iso(value, true)]).toEqual([value, undefined]);
    }
  });
});
