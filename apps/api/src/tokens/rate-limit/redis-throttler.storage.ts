import { OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { Redis } from 'ioredis';
import type { ThrottlerStorageRecord } from './memory-throttler.storage.js';

const CONNECT_TIMEOUT_MS = 3_000;
const KEY_PREFIX = 'admin-api:throttle:';

/**
 * Fixed window with a block, like the in-memory storage, but atomic in Redis so every
 * instance shares the counts. Returns [hits, window ms left, blocked 0|1, block ms left].
 */
const INCREMENT_SCRIPT = `
local blocked = redis.call('PTTL', KEYS[2])
if blocked > 0 then
  return { tonumber(redis.call('GET', KEYS[1]) or '0'), redis.call('PTTL', KEYS[1]), 1, blocked }
end
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local window = redis.call('PTTL', KEYS[1])
if hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  redis.call('DEL', KEYS[1])
  return { hits, window, 1, tonumber(ARGV[3]) }
end
return { hits, window, 0, 0 }`;

export class RedisThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  constructor(private readonly redis: Redis) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const base = `${KEY_PREFIX}${throttlerName}:${key}`;
    const [hits, windowMs, blocked, blockMs] = (await this.redis.eval(
      INCREMENT_SCRIPT,
      2,
      `${base}:hits`,
      `${base}:block`,
      ttl,
      limit,
      blockDuration,
    )) as number[];
    return {
      totalHits: hits,
      timeToExpire: Math.max(0, Math.ceil(windowMs / 1000)),
      isBlocked: blocked === 1,
      timeToBlockExpire: Math.max(0, Math.ceil(blockMs / 1000)),
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/**
 * Connects before the app is built, so a REDIS_URL that is set but unreachable stops start-up with an
 * error naming it (credentials in the URL are never printed). Later outages fail open: see the limiter.
 */
export async function connectRateLimitRedis(url: string): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    retryStrategy: (attempt) => Math.min(attempt * 250, 2_000),
    // A closed socket never emits 'close' again; the default 2 s timer would outlive the client.
    disconnectTimeout: 100,
  });
  let cause: unknown;
  redis.on('error', (error: unknown) => {
    cause ??= error;
  });
  try {
    await redis.connect();
    await redis.ping();
    return redis;
  } catch (error) {
    redis.disconnect();
    const reason = cause ?? error;
    throw new Error(`REDIS_URL is set but Redis at ${describeUrl(url)} is unreachable: ${reason instanceof Error ? reason.message : String(reason)}`, {
      // eslint-disable-next-line preserve-caught-error -- the socket's first error says why; connect() rejects with a later, vaguer one
      cause: reason,
    });
  }
}

function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 6379}`;
  } catch {
    return 'the given address';
  }
}
