import { OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';

export type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface Counter {
  hits: number;
  windowEndsAt: number;
  blockedUntil: number;
}

const MAX_KEYS = 100_000;
const SWEEP_INTERVAL_MS = 60_000;

/**
 * @nestjs/throttler's storage contract, in process: a fixed window per key; more than `limit` hits in
 * it blocks the key for `blockDuration`. Same semantics as the Redis storage. (The package's own
 * ThrottlerStorageService is CommonJS requiring the ESM @nestjs/common, which Jest cannot load.)
 */
export class MemoryThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly counters = new Map<string, Counter>();
  private readonly sweeper = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS).unref();

  increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    return Promise.resolve(this.hit(`${throttlerName}:${key}`, ttl, limit, blockDuration));
  }

  private hit(id: string, ttl: number, limit: number, blockDuration: number): ThrottlerStorageRecord {
    const now = Date.now();
    let counter = this.counters.get(id);
    if (counter && counter.blockedUntil > now) return record(counter, now, true);
    if (!counter || counter.windowEndsAt <= now) {
      if (!counter && this.counters.size >= MAX_KEYS) this.sweep(now, true);
      counter = { hits: 0, windowEndsAt: now + ttl, blockedUntil: 0 };
      this.counters.set(id, counter);
    }
    counter.hits += 1;
    if (counter.hits <= limit) return record(counter, now, false);
    counter.blockedUntil = counter.windowEndsAt = now + blockDuration;
    return record(counter, now, true);
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweeper);
  }

  /** Drops finished windows; when still full, the oldest keys go (a flood of addresses cannot grow memory). */
  private sweep(now = Date.now(), makeRoom = false): void {
    for (const [id, counter] of this.counters) if (counter.windowEndsAt <= now && counter.blockedUntil <= now) this.counters.delete(id);
    if (!makeRoom) return;
    for (const id of this.counters.keys()) {
      if (this.counters.size < MAX_KEYS * 0.9) break;
      this.counters.delete(id);
    }
  }
}

function record(counter: Counter, now: number, isBlocked: boolean): ThrottlerStorageRecord {
  const seconds = (until: number) => Math.max(0, Math.ceil((until - now) / 1000));
  return { totalHits: counter.hits, timeToExpire: seconds(counter.windowEndsAt), isBlocked, timeToBlockExpire: isBlocked ? seconds(counter.blockedUntil) : 0 };
}
