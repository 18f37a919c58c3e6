import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { TenantBusyError } from '#libs/database/src/tenant-admission.js';
import { errorBody, ErrorBody, isDatabaseUnavailable } from './error-body.js';
import { ApiException, type FieldError, summarizeFieldErrors, MAX_FIELD_ERRORS } from './error-codes.js';
import { requestIdOf } from './request-id.js';

/** Hook for the audit trail: denied mutations by authenticated callers are recorded on the error path. */
export interface DeniedRequestRecorder {
  recordDenied(req: Request, status: number, message: string): Promise<void>;
}

const RETRY_AFTER_SECONDS = '5';

/**
 * One error shape everywhere: `{statusCode, error, code, message, requestId, errors?}`. Unknown errors are masked
 * with the request id (the stack goes to the log only); an unreachable database is a 503 with Retry-After.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Exceptions');

  constructor(private readonly deniedRecorder?: DeniedRequestRecorder) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const body = withRequestId(this.toBody(exception, req), requestIdOf(req));
    if (body.statusCode === 503 || body.statusCode === 429) {
      if (!res.getHeader('Retry-After')) res.setHeader('Retry-After', RETRY_AFTER_SECONDS);
    }
    if (this.deniedRecorder && [403, 404, 409].includes(body.statusCode)) {
      await this.deniedRecorder.recordDenied(req, body.statusCode, body.message).catch((error: unknown) => {
        this.logger.error({ err: error, requestId: requestIdOf(req) }, 'could not record a denied request');
      });
    }
    if (!res.headersSent) res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, req: Request): ErrorBody {
    if (exception instanceof HttpException) return httpErrorBody(exception);
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn({ requestId: requestIdOf(req), err: exception }, 'database unavailable');
      return errorBody(503, 'Database unavailable, retry shortly', 'database_unavailable');
    }
    this.logger.error({ requestId: requestIdOf(req), err: exception }, 'unhandled error');
    return errorBody(500, `Internal server error (request id ${requestIdOf(req)})`);
  }
}

/** The answer to an HttpException, without the request id; the idempotency store keeps the same one. */
export function httpErrorBody(exception: HttpException): ErrorBody {
  const status = exception.getStatus();
  const bodyParserType = (exception.cause as { type?: string } | undefined)?.type;
  if (bodyParserType === 'entity.too.large') return errorBody(413, 'Request body exceeds the 1 MiB limit');
  if (bodyParserType === 'entity.parse.failed') return errorBody(400, `Malformed JSON body: ${exception.message}`, 'invalid_json');
  if (bodyParserType === 'entity.too.deep') return errorBody(400, exception.message, 'invalid_json');
  if (bodyParserType === 'charset.unsupported') return errorBody(415, exception.message, 'unsupported_charset');
  if (exception instanceof ApiException) return errorBody(status, exception.message, exception.code, exception.errors);
  const response = exception.getResponse();
  const message = typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? exception.message);
  const code = exception instanceof TenantBusyError ? 'tenant_busy' : undefined;
  if (!Array.isArray(message)) return errorBody(status, typeof message === 'string' ? message : exception.message, code);
  // Nest's own pipes, or code not yet converted, report a list of sentences that each start with the field.
  const errors: FieldError[] = message.slice(0, MAX_FIELD_ERRORS).map((item) => ({ path: leadingPath(String(item)), message: String(item) }));
  return errorBody(status, summarizeFieldErrors(errors, message.length), code, errors);
}

/** `events.3.geo.lat must not ...` → `events.3.geo.lat`; a sentence that does not start with a field has no path. */
function leadingPath(sentence: string): string {
  return /^([A-Za-z0-9_$]+(?:\.[A-Za-z0-9_$]+)*)(?=[ :])/.exec(sentence)?.[1] ?? '';
}

/** The whole answer to an HttpException, as sent (and as stored for replays of idempotent requests). */
export function errorAnswer(exception: HttpException, requestId: string): ErrorBody {
  return withRequestId(httpErrorBody(exception), requestId);
}

/** The request id after `message`, before `errors`: the field order every answer has. */
function withRequestId(body: ErrorBody, requestId: string): ErrorBody {
  const { errors, ...rest } = body;
  return errors ? { ...rest, requestId, errors } : { ...rest, requestId };
}
