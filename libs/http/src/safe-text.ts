import type { NextFunction, Request, Response } from 'express';
import { ApiException } from './error-codes.js';

/** PostgreSQL text holds neither NUL nor unpaired surrogates; input carrying them is the client's error. */
export function unsafeTextProblem(value: string): string | undefined {
  if (value.includes('\u0000')) return 'must not contain NUL characters';
  if (!(value as string & { isWellFormed(): boolean }).isWellFormed()) return 'must be well-formed Unicode (no unpaired surrogates)';
  return undefined;
}

/** More would only lengthen the answer: the client learns what is wrong from the first ones. */
const MAX_REPORTED = 20;

const joined = (path: string, key: string) => (path ? `${path}.${key}` : key);

/**
 * Every string and object key in a parsed JSON value or query that PostgreSQL cannot store, each named by
 * its dotted path (`events.3.userId must not contain NUL characters`). Breadth first over an explicit
 * queue: no recursion, one visit per value.
 */
export function unsafeTextIn(value: unknown, label: 'body' | 'query'): string[] {
  const problems: string[] = [];
  const queue: Array<[unknown, string]> = [[value, '']];
  for (let next = 0; next < queue.length && problems.length < MAX_REPORTED; next += 1) {
    const [item, path] = queue[next];
    if (typeof item === 'string') {
      const problem = unsafeTextProblem(item);
      if (problem) problems.push(`${path || label} ${problem}`);
    } else if (typeof item === 'object' && item !== null) {
      for (const [key, entry] of Object.entries(item)) {
        const problem = unsafeTextProblem(key);
        // JSON.stringify escapes NUL and lone surrogates, so the message itself stays well-formed.
        if (problem) problems.push(`${path || label} key ${JSON.stringify(key)} ${problem}`);
        else queue.push([entry, joined(path, key)]);
      }
    }
  }
  return problems;
}

function unsafePathSegments(path: string): string[] {
  return path.split('/').flatMap((segment) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return []; // the router answers a malformed escape itself, with a 400
    }
    const problem = unsafeTextProblem(decoded);
    return problem ? [`path segment ${JSON.stringify(segment)} ${problem}`] : [];
  });
}

/**
 * Refuses text PostgreSQL cannot store wherever a client can put it (path, query, parsed JSON body), for
 * every route at once and before any guard, handler or error path (the audit of denials records path
 * ids) can hand it to the database. Mounted right after the JSON body parser, whose depth limit bounds
 * the walk.
 */
export function rejectUnsafeText(req: Request, _res: Response, next: NextFunction): void {
  const problems = [...unsafePathSegments(req.path), ...unsafeTextIn(req.query, 'query'), ...unsafeTextIn(req.body, 'body')];
  next(problems.length > 0 ? new ApiException(400, 'validation_failed', problems.slice(0, MAX_REPORTED)) : undefined);
}
