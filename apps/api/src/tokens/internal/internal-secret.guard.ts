import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { constantTimeEqual } from '#libs/auth/src/index.js';
import { APP_CONFIG, type AppConfig } from '#libs/config/src/index.js';
import { FailedAttemptLimiter } from '../rate-limit/failed-attempt.limiter.js';

/**
 * The gateway's credential: X-Internal-Secret, compared in constant time. Unset secret = 503 (fail
 * closed); a wrong or missing one = 403, counted as a failed attempt.
 */
@Injectable()
export class InternalSecretGuard implements CanActivate {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly limiter: FailedAttemptLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const expected = this.config.internalApiSecret;
    if (!expected) throw new ServiceUnavailableException('Token validation is not configured (INTERNAL_API_SECRET is unset)');
    const req = context.switchToHttp().getRequest<Request>();
    const given = req.headers['x-internal-secret'];
    if (typeof given === 'string' && constantTimeEqual(given, expected)) return true;
    await this.limiter.recordFailure('internal-validate', req, context.switchToHttp().getResponse<Response>());
    throw new ForbiddenException('Invalid internal secret');
  }
}
