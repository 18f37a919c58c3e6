import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
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

export function loggerParams(level: string): Params {
  return {
    pinoHttp: {
      level,
      genReqId: (req) => requestIdOf(req as never),
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      serializers: {
        // Method and path only: headers carry credentials and cost time to serialise on every request.
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
    // Every method: RequestMethod.GET is 0, so a bare `method: 0` would log GET requests only.
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
  } as Params;
}
