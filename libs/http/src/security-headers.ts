import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/** Helmet's defaults suit an API; the CSP keeps Swagger UI (same-origin scripts, inline styles) working. */
export const securityHeaders = helmet({
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

/** API answers carry tenant data and must never sit in a shared or browser cache. */
export function noStore(req: Request, res: Response, next: NextFunction): void {
  if (!req.path.startsWith('/docs')) res.setHeader('Cache-Control', 'no-store');
  next();
}
