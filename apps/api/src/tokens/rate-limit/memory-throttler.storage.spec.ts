import { afterEach, describe, expect, it } from '@jest/globals';
import { MemoryThrottlerStorage } from './memory-throttler.storage.js';

describe('MemoryThrottlerStorage', () => {
  const storage = new MemoryThrottlerStorage();
  afterEach(() => storage.onApplicationShutdown());

  it('allows `limit` hits per window, then blocks the key for blockDuration', async () => {
    for (let hit = 1; hit <= 3; hit += 1) {
      expect(await storage.increment('ip-1', 60_000, 3, 30_000, 'x')).toMatchObject({ totalHits: hit, isBlocked: false, timeToBlockExpire: 0 });
    }
    expect(await storage.increment('ip-1', 60_000, 3, 30_000, 'x')).toMatchObject({ totalHits: 4, isBlocked: true, timeToBlockExpire: 30 });
    expect(await storage.increment('ip-1', 60_000, 3, 30_000, 'x')).toMatchObject({ isBlocked: true });
    expect(await storage.increment('ip-2', 60_000, 3, 30_000, 'x')).toMatchObject({ totalHits: 1, isBlocked: false });
    expect(await storage.increment('ip-1', 60_000, 3, 30_000, 'other')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('starts a new window once the old one is over', async () => {
    await storage.increment('ip-3', 500, 1, 500, 'x');
    expect(await storage.increment('ip-3', 500, 1, 500, 'x')).toMatchObject({ isBlocked: true });
    await new Promise((resolve) => setTimeout(resolve, 550));
    expect(await storage.increment('ip-3', 500, 1, 500, 'x')).toMatchObject({ totalHits: 1, isBlocked: false });
  });
});
