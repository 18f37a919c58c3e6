import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { ApiErrors } from '#libs/http/src/index.js';
import { IDEMPOTENCY_KEY_HEADER, IdempotencyInterceptor, MAX_KEY_LENGTH } from './idempotency.interceptor.js';

/**
 * Opts a creating POST into `Idempotency-Key`: one line on the route. Put it after the route's access
 * decorator; the guards run first either way, so only an authenticated caller ever claims a key.
 */
export const Idempotent = () =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: IDEMPOTENCY_KEY_HEADER,
      required: false,
      schema: { type: 'string', minLength: 1, maxLength: MAX_KEY_LENGTH },
      description:
        'A client-chosen key (1 to 255 characters) that makes retries safe: for 24 h, a retry by the same caller (and tenant) with the same body replays the first answer with `Idempotent-Replayed: true`; another body → 422 `idempotency_key_reused`; while the first request runs → 409 `idempotency_key_in_use`.',
    }),
    ApiErrors({ status: 422, description: '`idempotency_key_reused`: the Idempotency-Key was used with another body or route' }),
  );
