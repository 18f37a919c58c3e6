import { unsafeTextProblem } from './safe-text.js';

/**
 * The kinds of value a keyset position holds, each checked against what its PostgreSQL parameter accepts:
 * `timestamp` a timestamptz as canonical UTC text with microseconds (a JS Date keeps milliseconds only,
 * and a page boundary inside a millisecond would skip or repeat rows), `int` an integer column,
 * `bigint` a bigint as decimal text (beyond what a JS number holds exactly), `text` a text column.
 */
export type PositionKind = 'timestamp' | 'int' | 'bigint' | 'text';

type PositionValue<K extends PositionKind> = K extends 'int' ? number : string;

/** Typed values of a position, one per kind. */
export type Positions<K extends readonly PositionKind[]> = { -readonly [I in keyof K]: PositionValue<K[I]> };

/** Longest text a position carries: every key column the lists page by is far shorter. */
export const MAX_TEXT_POSITION = 1024;

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;
const BIGINT_MIN = -(2n ** 63n);
const BIGINT_MAX = 2n ** 63n - 1n;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{6}Z$/;
const DECIMAL = /^(0|-?[1-9]\d{0,18})$/;

/** What PostgreSQL would take for a parameter of this kind, and nothing that would not read back as itself. */
export function isPosition(kind: PositionKind, value: unknown): boolean {
  switch (kind) {
    case 'timestamp':
      return typeof value === 'string' && isTimestamp(value);
    case 'int':
      return typeof value === 'number' && Number.isInteger(value) && value >= INT_MIN && value <= INT_MAX;
    case 'bigint':
      return typeof value === 'string' && DECIMAL.test(value) && BigInt(value) >= BIGINT_MIN && BigInt(value) <= BIGINT_MAX;
    case 'text':
      return typeof value === 'string' && value.length <= MAX_TEXT_POSITION && unsafeTextProblem(value) === undefined;
  }
}

/**
 * Years 1..9999 lie inside timestamptz's range; the calendar fields must name a real instant, so that the
 * text is exactly what the database writes for it (no 24:00, leap second or 31 June rolling over).
 */
function isTimestamp(value: string): boolean {
  const match = TIMESTAMP.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  if (year < 1 || hour > 23 || minute > 59 || second > 59) return false;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
