import { HttpException, HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import type { ThrottlerStorageRecord } from './memory-throttler.storage.js';

/** More than `limit` failed attempts per client IP within `ttlMs` → 429 until the block ends. */
export const FAILURE_LIMITS = {
  'auth-token': { limit: 20, ttlMs: 60_000 },
  'internal-validate': { limit: 30, ttlMs: 60_000 },
} as const;
export type FailureBucket = keyof typeof FAILURE_LIMITS;

export const RATE_LIMIT_STORAGE = Symbol('RATE_LIMIT_STORAGE');

/**
 * Counts failed credential attempts only, so a valid token is never refused by a limit (which is why
 * this is not @nestjs/throttler's ThrottlerGuard: that one counts every request; its storage contract
 * is kept, so any ThrottlerStorage fits). The client IP is `req.ip`, which
 * honours TRUST_PROXY. If the shared store (Redis) fails mid-flight the limit fails open: the attempt
 * has already failed, and refusing valid callers because of Redis would be worse.
 */
@Injectable()
export class FailedAttemptLimiter {
  private readonly logger = new Logger('RateLimit');

  constructor(@Inject(RATE_LIMIT_STORAGE) private readonly storage: ThrottlerStorage) {}

  /** Records one failed attempt; throws 429 (with Retry-After) once the client is over the limit. */
  async recordFailure(bucket: FailureBucket, req: Request, res: Response): Promise<void> {
    const { limit, ttlMs } = FAILURE_LIMITS[bucket];
    let record: ThrottlerStorageRecord;
    try {
      record = await this.storage.increment(`${bucket}:${req.ip ?? 'unknown'}`, ttlMs, limit, ttlMs, bucket);
    } catch (error) {
      this.logger.warn({ err: error instanceof Error ? error.message : error }, 'rate-limit store unavailable; not counting');
      return;
    }
    if (!record.isBlocked) return;
    const retryAfter = Math.max(1, record.timeToBlockExpire);
    res.setHeader('Retry-After', String(retryAfter));
    throw new HttpException(`Too many failed attempts; retry in ${retryAfter} s`, HttpStatus.TOO_MANY_REQUESTS);
  }
}
