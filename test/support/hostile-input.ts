import { nowAtOffset } from './events.js';

/** Hostile inputs for the sweep over every route: what a client can put in a path segment, a query string or a JSON body. */

/** Query values and path segments, already percent-encoded. */
export const HOSTILE_URL_VALUES = [
  '%00',
  'a%00b',
  // A lone surrogate encoded as UTF-8, which is not valid UTF-8.
  '%ED%A0%80',
  '99999999999999999999999999999',
  '-1',
  '1e999',
  '0x10',
  'x'.repeat(5000),
  '0000-01-01',
  '%2B275760-09-13T00:00:00Z',
  '2025-01-01T00:00:00%2B23:59',
  '2025-01-01T00:00:00',
  '2025-02-30',
  '%5B%5D',
];

/** A JSON value spelled out as text, for values JSON.stringify cannot produce (huge numbers). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** Values put in one body field at a time. */
export const HOSTILE_FIELD_VALUES: unknown[] = [
  nowAtOffset(23 * 60 + 59),
  nowAtOffset(-16 * 60),
  '0000-01-01T00:00:00Z',
  '+275760-09-13T00:00:00.000Z',
  'a\u0000b',
  '\ud800',
  new RawJson('1e400'),
  new RawJson('123456789012345678901234567890'),
  -1,
  {},
  [],
  ['\u0000'],
  true,
  null,
  'x'.repeat(100_000),
  { constructor: 'x', toString: 'y' },
];

const nested = (depth: number, open: string, close: string, inner = '1') => `${open.repeat(depth)}${inner}${close.repeat(depth)}`;

/** Whole bodies, as raw JSON text (or not JSON at all). */
export const HOSTILE_BODIES: Array<{ name: string; text: string; contentType?: string }> = [
  { name: 'arrays nested 10,000 deep', text: nested(10_000, '[', ']') },
  { name: 'objects nested 10,000 deep', text: nested(10_000, '{"a":', '}') },
  { name: 'arrays nested 33 deep', text: nested(33, '[', ']') },
  { name: 'malformed JSON', text: '{"name": ' },
  { name: 'truncated nesting', text: nested(5_000, '[', '') },
  { name: 'an array', text: '[]' },
  { name: 'an array of objects', text: '[{}]' },
  { name: 'null', text: 'null' },
  { name: 'a string', text: '"\\u0000"' },
  { name: 'a number', text: '1e400' },
  { name: '__proto__ key', text: '{"__proto__": {"polluted": true}}' },
  { name: 'constructor key', text: '{"constructor": {"prototype": {"polluted": true}}}' },
  { name: 'NUL in a key', text: '{"a\\u0000b": 1}' },
  { name: 'lone surrogate in a key', text: '{"\\udc00": 1}' },
  { name: 'text/plain', text: '{"name": "x"}', contentType: 'text/plain' },
  { name: 'UTF-7 charset', text: '{"name": "x"}', contentType: 'application/json; charset=utf-7' },
  { name: 'unknown charset', text: '{"name": "x"}', contentType: 'application/json; charset=ebcdic' },
];

const MARKER = '\u0001hostile\u0001';

/** `body` as JSON text with `value` in place of `field` (a dotted path; numeric parts index arrays). */
export function withField(body: Record<string, unknown>, field: string, value: unknown): string {
  const copy = structuredClone(body);
  const parts = field.split('.');
  let target = copy;
  for (const part of parts.slice(0, -1)) target = target[part] as Record<string, unknown>;
  target[parts[parts.length - 1]] = value instanceof RawJson ? MARKER : value;
  const text = JSON.stringify(copy);
  return value instanceof RawJson ? text.replace(JSON.stringify(MARKER), value.text) : text;
}

/** Runs `tasks` with at most `width` in flight. */
export async function inParallel<T>(tasks: Array<() => Promise<T>>, width: number): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]();
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return results;
}
