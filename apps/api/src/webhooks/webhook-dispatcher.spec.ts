import { describe, expect, it } from '@jest/globals';
import { heldPerEndpoint, outcomeOf, PER_ENDPOINT, UNRESPONSIVE_SHARE } from './webhook-dispatcher.js';
import { RETRY_SCHEDULE_SECONDS } from './webhook.types.js';

describe('heldPerEndpoint', () => {
  it('counts attempts in flight and claimed ones waiting, and leaves an unresponsive endpoint only its small share', () => {
    const held = heldPerEndpoint(
      new Map([
        ['t1/answering', 3],
        ['t1/hanging', 2],
      ]),
      new Map([['t1/answering', ['a', 'b']]]),
      new Set(['t1/hanging', 't2/refusing']),
    );
    const limit = PER_ENDPOINT * 2;
    expect(Object.fromEntries(held)).toEqual({
      't1/answering': 5,
      't1/hanging': 2 + limit - UNRESPONSIVE_SHARE * 2,
      't2/refusing': limit - UNRESPONSIVE_SHARE * 2,
    });
    // What the claim leaves an unresponsive endpoint: its share in flight and one more share waiting.
    expect(limit - held.get('t2/refusing')!).toBe(UNRESPONSIVE_SHARE * 2);
  });
});

describe('outcomeOf', () => {
  const delivery = { attempts: 0, manual: false };

  it('delivers on any 2xx, fails at once on 410 or a manual attempt, and retries anything else by the schedule', () => {
    expect(outcomeOf(delivery, 204, null, 5)).toEqual({ kind: 'succeeded', statusCode: 204, durationMs: 5 });
    expect(outcomeOf(delivery, 410, 'answered 410', 5).kind).toBe('failed');
    expect(outcomeOf({ attempts: 0, manual: true }, 500, 'answered 500', 5).kind).toBe('failed');
    const retry = outcomeOf(delivery, null, 'did not answer within 10 s', 5);
    expect(retry.kind).toBe('retry');
    const delay = retry.kind === 'retry' ? retry.nextAttemptAt.getTime() - Date.now() : 0;
    expect(delay).toBeGreaterThan(RETRY_SCHEDULE_SECONDS[0] * 1000 * 0.75);
    expect(delay).toBeLessThanOrEqual(RETRY_SCHEDULE_SECONDS[0] * 1000 * 1.2);
    expect(outcomeOf({ attempts: RETRY_SCHEDULE_SECONDS.length, manual: false }, 500, 'answered 500', 5).kind).toBe('failed');
  });
});
