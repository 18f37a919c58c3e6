import { CallHandler, ExecutionContext, HttpException, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { from, mergeMap, type Observable, of } from 'rxjs';
import { catchError } from 'rxjs/operators';
import { ClsService } from '#libs/common/src/cls.service.js';
import type { RequestContext } from '#libs/database/src/index.js';
import { ApiException, errorAnswer, requestIdOf } from '#libs/http/src/index.js';
import { requestFingerprint } from './canonical-json.js';
import { callerOf, type Claim, IdempotencyStore } from './idempotency.store.js';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';
export const MAX_KEY_LENGTH = 255;

/**
 * `Idempotency-Key` on a creating POST. Interceptors run after the guards and before the validation pipe:
 * the key is claimed first, and given back if validation refuses the request, so a refused request stores
 * nothing. An answer the work produced (2xx, or a 4xx from a business rule) is stored and replayed to
 * retries; a 5xx gives the key back, so a retry runs the work again.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(
    private readonly store: IdempotencyStore,
    private readonly cls: ClsService<RequestContext>,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    const header = req.headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()];
    if (header === undefined) return next.handle();
    const key = Array.isArray(header) ? header.join(', ') : header;
    if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
      throw new ApiException(400, 'invalid_idempotency_key', `${IDEMPOTENCY_KEY_HEADER} must be 1 to ${MAX_KEY_LENGTH} characters`);
    }
    const caller = callerOf(this.cls.get('principal'));
    // Every route that opts in has a gate that sets the principal; without one there is nobody to key by.
    if (caller === undefined) return next.handle();
    const scope = { tenantId: this.cls.get('tenantId'), caller, key };
    return from(this.store.claim(scope, requestFingerprint(req.method, req.path, req.body))).pipe(
      mergeMap((outcome) => {
        switch (outcome.kind) {
          case 'claimed':
            return this.run(outcome.claim, next, req, res);
          case 'replay':
            res.status(outcome.statusCode);
            res.setHeader(REPLAYED_HEADER, 'true');
            return of(outcome.body);
          case 'reused':
            throw new ApiException(
              422,
              'idempotency_key_reused',
              `This ${IDEMPOTENCY_KEY_HEADER} was used with another body or on another route in the last 24 hours; use a new key`,
            );
          case 'in_use':
            throw new ApiException(409, 'idempotency_key_in_use', `A request with this ${IDEMPOTENCY_KEY_HEADER} is still running; retry once it has answered`);
          case 'unreadable':
            throw new ApiException(422, 'idempotency_key_reused', `The answer stored for this ${IDEMPOTENCY_KEY_HEADER} can no longer be read; use a new key`);
        }
      }),
    );
  }

  private run(claim: Claim, next: CallHandler, req: Request, res: Response): Observable<unknown> {
    return next.handle().pipe(
      mergeMap(async (body: unknown) => {
        // The work is done and committed: a failure to store its answer must not turn it into an error.
        await this.store.complete(claim, res.statusCode, body).catch((error: unknown) => this.logFailure(error, req, 'store the answer of'));
        return body;
      }),
      catchError(async (error: unknown) => {
        await this.settle(claim, error, req).catch((failure: unknown) => this.logFailure(failure, req, 'settle'));
        throw error;
      }),
    );
  }

  /** Stores an answer a business rule gave (4xx); gives the key back after a refusal of the input or a 5xx. */
  private async settle(claim: Claim, error: unknown, req: Request): Promise<void> {
    if (error instanceof HttpException && error.getStatus() < 500) {
      const answer = errorAnswer(error, requestIdOf(req));
      if (answer.code !== 'validation_failed') return this.store.complete(claim, answer.statusCode, answer);
    }
    await this.store.release(claim);
  }

  private logFailure(error: unknown, req: Request, what: string): void {
    this.logger.error({ err: error, requestId: requestIdOf(req) }, `could not ${what} an idempotent request`);
  }
}
