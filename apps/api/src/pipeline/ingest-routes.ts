import type { Request } from 'express';

/** The ingest routes, whose bodies are read after their gates (`parseJsonBodyUnless`). */
const INGEST_PATHS = new Set(['/v1/events', '/v1/events/batch']);

export function isIngestRequest(req: Request): boolean {
  return req.method === 'POST' && INGEST_PATHS.has(req.path);
}
