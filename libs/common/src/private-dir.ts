import { mkdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Creates `dir` readable by this OS user only, without making its parents private too (a recursive
 * mkdir would give them the same mode): the data folder above must stay traversable for the embedded
 * PostgreSQL, which runs as the `postgres` OS user when started by root.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(path.dirname(dir), { recursive: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}
