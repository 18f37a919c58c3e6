import type { NextFunction, Request, Response } from 'express';

/** Decides which origins a route family accepts; the SDK policy consults tenants' allowedOrigins. */
export interface CorsOriginPolicy {
  /** Requests this policy owns (e.g. POSTs to the SDK event routes; for a preflight, the method it announces); the dashboard policy owns the rest. */
  matches(path: string, method: string): boolean;
  isAllowed(origin: string): boolean | Promise<boolean>;
  allowCredentials: boolean;
}

const ALLOWED_METHODS = 'GET,POST,PUT,PATCH,DELETE,OPTIONS';
const ALLOWED_HEADERS = 'Authorization,Content-Type,X-Organization-Id,X-Tenant-Id,X-API-Key,X-Admin-API-Key,X-Request-Id,Idempotency-Key';
const EXPOSED_HEADERS = 'X-Request-Id,Retry-After,Idempotent-Replayed';

/**
 * CORS and preflights live in middleware because no guard or interceptor ever sees an OPTIONS
 * preflight. A stranger's origin gets no Access-Control-Allow-Origin at all (never a fallback, never `*`).
 */
export function corsMiddleware(dashboardOrigins: string[], policies: CorsOriginPolicy[] = []) {
  const dashboard = new Set(dashboardOrigins);
  return async (req: Request, res: Response, next: NextFunction) => {
    res.vary('Origin');
    const origin = req.headers.origin;
    const preflight = req.method === 'OPTIONS' && Boolean(req.headers['access-control-request-method']);
    // Server-to-server calls (the gateway, machines) carry no Origin: nothing to decide.
    if (!origin && !preflight) return next();
    const method = preflight ? String(req.headers['access-control-request-method']).toUpperCase() : req.method;
    const policy = policies.find((candidate) => candidate.matches(req.path, method));
    let allowed: boolean;
    try {
      allowed = Boolean(origin) && (policy ? await policy.isAllowed(origin!) : dashboard.has(origin!));
    } catch {
      allowed = false;
    }
    if (allowed) {
      res.setHeader('Access-Control-Allow-Origin', origin!);
      if (!policy || policy.allowCredentials) res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    }
    if (preflight) {
      if (allowed) {
        res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
        res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
        res.setHeader('Access-Control-Max-Age', '600');
      }
      res.status(204).end();
      return;
    }
    next();
  };
}
