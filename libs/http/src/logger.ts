import type { NextFunction, Request, Response } from 'express';
import type { Params } from 'nestjs-pino';
import type { Logger as Pino } from 'pino';
import { requestIdOf } from './request-id.js';

/** Credentials never reach a log line, whichever header or body field carries them. */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers["x-admin-api-key"]',
  'req.headers["x-internal-secret"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.token',
  '*.apiKey',
];

/**
 * nestjs-pino provides the application logger. Requests are logged by `requestLogger` instead of its
 * per-request middleware, which builds a child logger and an AsyncLocalStorage context for every
 * request whether or not anything is logged: about a quarter of a cached token validation's cost.
 */
export function loggerParams(level: string): Params {
  return {
    pinoHttp: { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    forRoutes: [],
  };
}

/**
 * One line per request, every method: `{req: {id, method, url}, res: {statusCode}, responseTime}` at
 * info, warn for 4xx, error for 5xx. Method and path only: headers carry credentials. Nothing is built
 * unless the level is enabled.
 */
export function requestLogger(logger: Pino) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const startedAt = Date.now();
    res.once('close', () => {
      const finished = res.writableFinished;
      const level = res.statusCode >= 500 ? 'error' : res.statusCode >= 400 || !finished ? 'warn' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      logger[level](
        { req: { id: requestIdOf(req), method: req.method, url: req.originalUrl }, res: { statusCode: res.statusCode }, responseTime: Date.now() - startedAt },
        finished ? 'request completed' : 'request aborted',
      );
    });
    next();
  };
}
