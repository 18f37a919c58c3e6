import { describe, expect, it } from '@jest/globals';
import { STATISTICS_FIRST_AT, statisticsDue } from './chunk-processor.js';

describe('statisticsDue', () => {
  it('is due when a tenant first reaches the threshold, and at each doubling after', () => {
    expect(statisticsDue(0, STATISTICS_FIRST_AT - 1)).toBe(false);
    expect(statisticsDue(STATISTICS_FIRST_AT - 1, STATISTICS_FIRST_AT)).toBe(true);
    expect(statisticsDue(STATISTICS_FIRST_AT, 2 * STATISTICS_FIRST_AT - 1)).toBe(false);
    expect(statisticsDue(2 * STATISTICS_FIRST_AT - 1, 2 * STATISTICS_FIRST_AT)).toBe(true);
    expect(statisticsDue(3 * STATISTICS_FIRST_AT, 4 * STATISTICS_FIRST_AT)).toBe(true);
    expect(statisticsDue(4 * STATISTICS_FIRST_AT, 7 * STATISTICS_FIRST_AT)).toBe(false);
  });

  it('is due once for a chunk that jumps several doublings', () => {
    expect(statisticsDue(0, 100 * STATISTICS_FIRST_AT)).toBe(true);
  });
});
