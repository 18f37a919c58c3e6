import type { LoggerService } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ClsService } from '#libs/common/src/cls.service.js';
import { pino, type DestinationStream, type Logger as Pino } from 'pino';
import { requestIdOf } from './request-id.js';

/** Credentials never reach a log line, whichever field carries them. */
const REDACTED_PATHS = [
  'headers.authorization',
  'headers["x-api-key"]',
  'headers["x-admin-api-key"]',
  'headers["x-internal-secret"]',
  '*.headers.authorization',
  '*.headers["x-api-key"]',
  '*.headers["x-admin-api-key"]',
  '*.headers["x-internal-secret"]',
  'token',
  'apiKey',
  '*.token',
  '*.apiKey',
];

export function createRootLogger(level: string, destination?: DestinationStream): Pino {
  return pino({ level, base: { service: 'admin-api' }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, destination);
}

/** One JSON line per request (method, path, status, duration, request id); nothing is built when the level is off. */
export function requestLogMiddleware(logger: Pino) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const level = res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger[level]({ requestId: requestIdOf(req), method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  };
}

const cls = new ClsService<{ requestId?: string }>();

/** Nest's logger backed by pino; lines written during a request carry its request id. */
export class PinoLoggerService implements LoggerService {
  constructor(private readonly logger: Pino) {}

  log(message: unknown, ...params: unknown[]) {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]) {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]) {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]) {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]) {
    this.write('trace', message, params);
  }

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace', message: unknown, params: unknown[]) {
    if (!this.logger.isLevelEnabled(level)) return;
    const strings = params.filter((param): param is string => typeof param === 'string');
    // Nest appends the context last; a string before it is the message (objects first) or a stack.
    const context = strings.length > 0 ? strings[strings.length - 1] : undefined;
    const requestId = cls.get('requestId');
    const fields = { context, ...(requestId ? { requestId } : {}) };
    if (message !== null && typeof message === 'object') {
      this.logger[level]({ ...fields, ...message }, strings.length > 1 ? strings[0] : undefined);
    } else {
      this.logger[level]({ ...fields, ...(level === 'error' && strings.length > 1 ? { stack: strings[0] } : {}) }, String(message));
    }
  }
}
