import { HttpException } from '@nestjs/common';
import bodyParser from 'body-parser';
import type { Request, RequestHandler, Response } from 'express';
import type { IncomingMessage } from 'node:http';
import { validationFailed } from './error-codes.js';
import { noteJsonBodyBytes, unsafeBodyText } from './safe-text.js';

/** Deepest nesting of arrays and objects a JSON body may have. */
export const MAX_JSON_DEPTH = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const [OPEN_BRACKET, CLOSE_BRACKET, OPEN_BRACE, CLOSE_BRACE] = [0x5b, 0x5d, 0x7b, 0x7d];

/**
 * Whether JSON text nests arrays and objects deeper than `maxDepth`, in one pass over its UTF-8 bytes.
 * Brackets inside strings do not count: a string runs from an unescaped quote to the next one, and a
 * backslash always escapes exactly the byte after it. Multi-byte UTF-8 sequences never contain ASCII
 * bytes, so no character can be mistaken for a quote or a bracket. For any text JSON.parse accepts, the
 * count is the exact nesting depth; for other text it does not matter, as parsing refuses it anyway.
 */
export function jsonNestsDeeperThan(bytes: Uint8Array, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < bytes.length; index += 1) {
    const byte = bytes[index];
    if (inString) {
      if (byte === BACKSLASH) index += 1;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_BRACKET || byte === OPEN_BRACE) {
      depth += 1;
      if (depth > maxDepth) return true;
    } else if (byte === CLOSE_BRACKET || byte === CLOSE_BRACE) {
      depth -= 1;
    }
  }
  return false;
}

/** A body-parser error: its status is the answer's, its `type` tells the exception filter what happened. */
export class BodyRefusedError extends Error {
  constructor(
    readonly status: number,
    readonly type: 'entity.too.deep' | 'charset.unsupported',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The JSON body parser's `verify` hook: it sees the raw bytes before JSON.parse, so a body nested deeper
 * than MAX_JSON_DEPTH is refused before anything walks it recursively (Nest's validation pipe,
 * class-transformer, the forbidden-key check), and the check costs one pass over the bytes. Every later
 * walk of a parsed body may rely on that depth. Bodies must be UTF-8 (RFC 8259): in another charset
 * (UTF-7 spells brackets as base64) the bytes would not show the brackets the parser later sees.
 */
export function verifyJsonBody(req: IncomingMessage, _res: unknown, body: Buffer, encoding: string | null): void {
  if (encoding !== null && !/^utf-?8$/i.test(encoding)) {
    throw new BodyRefusedError(415, 'charset.unsupported', `JSON bodies must be UTF-8, not ${encoding}`);
  }
  if (jsonNestsDeeperThan(body, MAX_JSON_DEPTH)) {
    throw new BodyRefusedError(400, 'entity.too.deep', `JSON body nests arrays or objects deeper than ${MAX_JSON_DEPTH} levels`);
  }
  noteJsonBodyBytes(req, body);
}

/** Largest JSON body accepted; a larger one is a 413 before it is parsed. */
export const BODY_LIMIT = '1mb';

/** The app's one JSON body parser: the size limit, the depth and charset checks before JSON.parse. */
export const parseJsonBody = bodyParser.json({ limit: BODY_LIMIT, verify: verifyJsonBody });

/**
 * Parses the JSON body of every request except those `deferred` names: their route reads the body itself,
 * later, with `readJsonBody` (after its gates, so a refused caller's body is never parsed).
 */
export function parseJsonBodyUnless(deferred: (req: Request) => boolean): RequestHandler {
  return (req, res, next) => (deferred(req) ? next() : parseJsonBody(req, res, next));
}

/**
 * Reads and parses a body whose parsing was deferred, with the same limits and the same refusal of text
 * PostgreSQL cannot store as every other body. Does nothing for a body parsed already.
 */
export async function readJsonBody(req: Request, res: Response): Promise<void> {
  await new Promise<void>((resolve, reject) => parseJsonBody(req, res, (error?: unknown) => (error ? reject(asHttpException(error)) : resolve())));
  const problems = unsafeBodyText(req);
  if (problems.length > 0) throw validationFailed(problems);
}

/**
 * A body parser's refusal as the HttpException Nest makes of it when the parser runs as middleware (the
 * refusal in `cause`, where the exception filter reads its `type`); anything else is left as it is.
 */
function asHttpException(error: unknown): Error {
  if (!(error instanceof Error)) return new Error(String(error));
  const status = (error as { status?: unknown }).status;
  if (typeof status !== 'number' || status < 400 || status >= 500) return error;
  return new HttpException(error.message, status, { cause: error });
}
