import { DynamicModule, Module } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { FailedAttemptLimiter, RATE_LIMIT_STORAGE } from './failed-attempt.limiter.js';
import { MemoryThrottlerStorage } from './memory-throttler.storage.js';
import { RedisThrottlerStorage } from './redis-throttler.storage.js';

/** Failure counters in Redis when REDIS_URL is set (shared by every instance), in process otherwise. */
@Module({})
export class RateLimitModule {
  static forRoot(redis?: Redis): DynamicModule {
    return {
      module: RateLimitModule,
      providers: [
        { provide: RATE_LIMIT_STORAGE, useFactory: () => (redis ? new RedisThrottlerStorage(redis) : new MemoryThrottlerStorage()) },
        FailedAttemptLimiter,
      ],
      exports: [FailedAttemptLimiter],
    };
  }
}
