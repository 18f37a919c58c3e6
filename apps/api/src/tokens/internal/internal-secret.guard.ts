import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { hash, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '#libs/config/src/index.js';
import { FailedAttemptLimiter } from '../rate-limit/failed-attempt.limiter.js';

const digest = (value: string): Buffer => hash('sha256', value, 'buffer');

/**
 * The gateway's credential: X-Internal-Secret, compared in constant time (digests of equal length, so
 * neither content nor length leaks). Unset secret = 503 (fail closed); a wrong or missing one = 403,
 * counted as a failed attempt. Synchronous when the secret matches: this guard is on the hot path.
 */
@Injectable()
export class InternalSecretGuard implements CanActivate {
  private readonly expected?: Buffer;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly limiter: FailedAttemptLimiter,
  ) {
    this.expected = config.internalApiSecret ? digest(config.internalApiSecret) : undefined;
  }

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (!this.expected) throw new ServiceUnavailableException('Token validation is not configured (INTERNAL_API_SECRET is unset)');
    const req = context.switchToHttp().getRequest<Request>();
    const given = req.headers['x-internal-secret'];
    if (typeof given === 'string' && timingSafeEqual(digest(given), this.expected)) return true;
    return this.refuse(req, context.switchToHttp().getResponse<Response>());
  }

  private async refuse(req: Request, res: Response): Promise<never> {
    await this.limiter.recordFailure('internal-validate', req, res);
    throw new ForbiddenException('Invalid internal secret');
  }
}
