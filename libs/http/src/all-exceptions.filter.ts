import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { TenantBusyError } from '#libs/database/src/tenant-admission.js';
import { errorBody, ErrorBody, isDatabaseUnavailable } from './error-body.js';
import { ApiException } from './error-codes.js';
import { requestIdOf } from './request-id.js';

/** Hook for the audit trail: denied mutations by authenticated callers are recorded on the error path. */
export interface DeniedRequestRecorder {
  recordDenied(req: Request, status: number, message: string): Promise<void>;
}

const RETRY_AFTER_SECONDS = '5';

/**
 * One error shape everywhere: `{statusCode, error, code, message, requestId}`. Unknown errors are masked with the
 * request id (the stack goes to the log only); an unreachable database is a 503 with Retry-After.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Exceptions');

  constructor(private readonly deniedRecorder?: DeniedRequestRecorder) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const body = { ...this.toBody(exception, req), requestId: requestIdOf(req) };
    if (body.statusCode === 503 || body.statusCode === 429) {
      if (!res.getHeader('Retry-After')) res.setHeader('Retry-After', RETRY_AFTER_SECONDS);
    }
    if (this.deniedRecorder && [403, 404, 409].includes(body.statusCode)) {
      const message = Array.isArray(body.message) ? body.message.join('; ') : body.message;
      await this.deniedRecorder.recordDenied(req, body.statusCode, message).catch((error: unknown) => {
        this.logger.error({ err: error, requestId: requestIdOf(req) }, 'could not record a denied request');
      });
    }
    if (!res.headersSent) res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, req: Request): ErrorBody {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const bodyParserType = (exception.cause as { type?: string } | undefined)?.type;
      if (bodyParserType === 'entity.too.large') return errorBody(413, 'Request body exceeds the 1 MiB limit');
      if (bodyParserType === 'entity.parse.failed') return errorBody(400, `Malformed JSON body: ${exception.message}`, 'invalid_json');
      if (bodyParserType === 'entity.too.deep') return errorBody(400, exception.message, 'invalid_json');
      if (bodyParserType === 'charset.unsupported') return errorBody(415, exception.message, 'unsupported_charset');
      const response = exception.getResponse();
      const message = typeof response === 'string' ? response : ((response as { message?: string | string[] }).message ?? exception.message);
      return errorBody(status, message, exception instanceof ApiException ? exception.code : exception instanceof TenantBusyError ? 'tenant_busy' : undefined);
    }
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn({ requestId: requestIdOf(req), err: exception }, 'database unavailable');
      return errorBody(503, 'Database unavailable, retry shortly', 'database_unavailable');
    }
    this.logger.error({ requestId: requestIdOf(req), err: exception }, 'unhandled error');
    return errorBody(500, `Internal server error (request id ${requestIdOf(req)})`);
  }
}
