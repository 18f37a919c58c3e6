import { ExecutionContext, HttpException, Inject, Injectable, Optional, ServiceUnavailableException } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal } from '#libs/database/src/index.js';
import { jwtFailure, type PlatformJwtStrategy } from './platform-jwt.strategy.js';

/** This app's dashboard JWT strategy, or null when dashboard sign-in is not configured. */
export const DASHBOARD_JWT_STRATEGY = Symbol('DASHBOARD_JWT_STRATEGY');

/** The strategy's passport actions, as this guard settles them. */
interface StrategyRun {
  success(user: Principal): void;
  fail(info: unknown): void;
  error(error: unknown): void;
  authenticate(req: Request, options: object): void;
}

/**
 * Runs this app's own strategy instance and turns its failures into the contract's specific 401 messages
 * and codes. Not through passport's registry by name: that registry is process-wide, so a second app in
 * the same process (tests run several instances) would otherwise verify with the first one's issuers and
 * database.
 */
@Injectable()
export class PlatformJwtAuthGuard {
  constructor(@Optional() @Inject(DASHBOARD_JWT_STRATEGY) private readonly strategy?: PlatformJwtStrategy | null) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request & { user?: Principal }>();
    req.user = await this.verify(req);
    return true;
  }

  private verify(req: Request): Promise<Principal> {
    const strategy = this.strategy;
    if (!strategy) return Promise.reject(new ServiceUnavailableException('Dashboard sign-in is not configured (PLATFORM_JWKS_URL)'));
    return new Promise((resolve, reject) => {
      // As passport runs a strategy: a per-request object whose actions settle this one call.
      const run = Object.create(strategy) as StrategyRun;
      run.success = (user) => resolve(user);
      run.fail = (info) => reject(jwtFailure(info));
      run.error = (error) => reject(error instanceof HttpException ? error : jwtFailure(error));
      run.authenticate(req, {});
    });
  }
}
