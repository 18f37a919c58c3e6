import { describe, expect, it } from '@jest/globals';
import { STATISTICS_FIRST_AT, statisticsDue, turnSize } from './chunk-processor.js';
import { CATCH_UP_CHUNK_EVENTS, CHUNK_EVENTS } from './pipeline-options.js';

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

describe('turnSize', () => {
  it('takes a catch-up chunk only for a tenant alone with a backlog at least that deep', () => {
    expect(turnSize({ backlog: CATCH_UP_CHUNK_EVENTS, othersWaiting: false })).toBe(CATCH_UP_CHUNK_EVENTS);
    expect(turnSize({ backlog: CATCH_UP_CHUNK_EVENTS - 1, othersWaiting: false })).toBe(CHUNK_EVENTS);
    expect(turnSize({ backlog: 10 * CATCH_UP_CHUNK_EVENTS, othersWaiting: true })).toBe(CHUNK_EVENTS);
  });
});
