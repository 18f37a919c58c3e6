import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Helmet's defaults suit an API; the CSP keeps Swagger UI (same-origin scripts, inline styles) working. */
const helmetMiddleware = helmet({
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
    },
  },
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
});

/**
 * With these options helmet's headers do not depend on the request, so they are taken from it once and
 * set in one loop: every answer pays for the headers, not for helmet's chain of a dozen middleware.
 */
const SECURITY_HEADERS: ReadonlyArray<readonly [string, string]> = (() => {
  const headers: Array<[string, string]> = [];
  const recorder = { setHeader: (name: string, value: unknown) => headers.push([name, String(value)]), removeHeader: () => undefined };
  helmetMiddleware({} as IncomingMessage, recorder as unknown as ServerResponse, () => undefined);
  return headers;
})();

/** Helmet's headers, and `no-store`: API answers carry tenant data and must never sit in a shared or browser cache. */
export function securityHeaders(req: Request, res: Response, next: NextFunction): void {
  for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value);
  if (!req.path.startsWith('/docs')) res.setHeader('Cache-Control', 'no-store');
  next();
}
