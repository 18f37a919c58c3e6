import { MAX_WAIT_SECONDS } from './pipeline-options.js';

/**
 * The `wait` preference of an RFC 7240 `Prefer` header (`Prefer: wait=10`, possibly among others, e.g.
 * `respond-async, wait=10`), in whole seconds clamped to MAX_WAIT_SECONDS; 0 when absent or malformed
 * (a preference the server does not understand is ignored, as the RFC asks).
 */
export function preferredWait(header: string | string[] | undefined): number {
  const values = Array.isArray(header) ? header : header === undefined ? [] : [header];
  for (const value of values) {
    for (const preference of value.split(',')) {
      const match = /^\s*wait\s*=\s*"?(\d{1,9})"?\s*(;.*)?$/i.exec(preference);
      if (match) return Math.min(Number(match[1]), MAX_WAIT_SECONDS);
    }
  }
  return 0;
}
