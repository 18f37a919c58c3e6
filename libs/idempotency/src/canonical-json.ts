import { createHash } from 'node:crypto';

/**
 * JSON text that is the same for equal JSON values: object keys sorted, no whitespace, numbers and
 * strings as JSON.stringify writes them (so `1.0` and `1`, or `"\u0041"` and `"A"`, read as one value).
 * Recursion is bounded: request bodies nest at most 32 levels (the JSON body parser refuses deeper ones).
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** What a retry must repeat to be the same request: method, path and body (as a JSON value). */
export function requestFingerprint(method: string, path: string, body: unknown): Buffer {
  return createHash('sha256').update(`${method} ${path}\n`).update(canonicalJson(body)).digest();
}
