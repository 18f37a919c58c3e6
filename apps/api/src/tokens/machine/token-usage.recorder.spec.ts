import { describe, expect, it } from '@jest/globals';
import type { TokenLookupRepository, TokenUse } from './token-lookup.repository.js';
import { TokenUsageRecorder } from './token-usage.recorder.js';

/** Records each batch the recorder writes; `failNext` makes the next write fail like a database outage. */
class RecordingLookup {
  batches: TokenUse[][] = [];
  failNext = false;
  recordUse(uses: TokenUse[]): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      return Promise.reject(new Error('database unavailable'));
    }
    this.batches.push(uses);
    return Promise.resolve();
  }
}

describe('TokenUsageRecorder', () => {
  it('coalesces many uses into one write per flush, keeping the latest time per token', async () => {
    const lookup = new RecordingLookup();
    const recorder = new TokenUsageRecorder(lookup as unknown as TokenLookupRepository);
    for (let i = 0; i < 1_000; i += 1) recorder.record('t1', 'tok_a', 1_000 + i);
    recorder.record('t2', 'tok_b', 5);
    await recorder.flush();
    await recorder.flush();
    expect(lookup.batches).toEqual([
      [
        { tenantId: 't1', tokenId: 'tok_a', usedAt: 1_999 },
        { tenantId: 't2', tokenId: 'tok_b', usedAt: 5 },
      ],
    ]);
  });

  it('keeps the uses of a failed write for the next flush', async () => {
    const lookup = new RecordingLookup();
    const recorder = new TokenUsageRecorder(lookup as unknown as TokenLookupRepository);
    recorder.record('t1', 'tok_a', 10);
    lookup.failNext = true;
    await recorder.flush();
    recorder.record('t1', 'tok_b', 20);
    await recorder.flush();
    expect(lookup.batches).toHaveLength(1);
    expect(lookup.batches[0]).toHaveLength(2);
    expect(lookup.batches[0]).toEqual(
      expect.arrayContaining([
        { tenantId: 't1', tokenId: 'tok_a', usedAt: 10 },
        { tenantId: 't1', tokenId: 'tok_b', usedAt: 20 },
      ]),
    );
  });
});
