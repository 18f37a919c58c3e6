import { ExecutionContext, HttpException, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { jwtFailure, PLATFORM_JWT } from './platform-jwt.strategy.js';

/** Runs the passport strategy and turns its failures into the contract's specific 401 messages and codes. */
@Injectable()
export class PlatformJwtAuthGuard extends AuthGuard(PLATFORM_JWT) {
  override handleRequest<TUser>(error: unknown, user: TUser, info: unknown, _context: ExecutionContext): TUser {
    if (error instanceof HttpException) throw error;
    if (error || !user) throw jwtFailure(error ?? info);
    return user;
  }
}
