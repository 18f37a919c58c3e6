import { expect } from '@jest/globals';
import type { PositionKind } from '../../libs/http/src/index.js';
import { deriveCursorKeys, openCursor, sealCursor } from '../../libs/http/src/cursor-token.js';
import { TEST_AUDIT_HMAC_KEY, type TestDatabase } from './test-app.js';

/** The keys of the test deployment: suites use them to read genuine cursors and to forge validly sealed ones. */
const keys = deriveCursorKeys(TEST_AUDIT_HMAC_KEY);

interface Claims {
  list: string;
  scope: string;
  sort: string;
  order: string;
  positions: unknown[];
}

export interface ListPage<T> {
  status: number;
  /** A page, or on refusal the error body. */
  body: { data: T[]; nextCursor: string | null; hasMore: boolean; code?: string; message?: unknown };
}

/** Limits a list must refuse with 400 validation_failed, naming `limit`. */
export const BAD_LIMITS = ['0x10', '1e2', '16.0', ' 16', '+16', '-1', '0', '501', '', 'ten'];

export const readCursor = (cursor: string): Claims => openCursor(keys, cursor) as Claims;

/** A cursor the test deployment's key seals: it passes the signature, so only the claims checks can refuse it. */
export const forgeCursor = (claims: unknown): string => sealCursor(keys, claims);

/**
 * Every page of a list, following nextCursor; each page says hasMore exactly when it has a nextCursor.
 * Returns the items in the order the pages gave them.
 */
export async function walkPages<T>(fetchPage: (cursor?: string) => Promise<ListPage<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 1000; pages += 1) {
    const res = await fetchPage(cursor);
    expect([res.status, res.body.hasMore]).toEqual([200, res.body.nextCursor !== null]);
    items.push(...res.body.data);
    if (res.body.nextCursor === null) return items;
    cursor = res.body.nextCursor;
  }
  throw new Error('the list did not end within 1000 pages');
}

/** Values no position of `kind` may hold: out of its range, of another type, or text PostgreSQL cannot store. */
const OUT_OF_KIND: Record<PositionKind, unknown[]> = {
  timestamp: [
    '10000-01-01T00:00:00.000000Z',
    '0000-12-31T23:59:59.999999Z',
    '294277-01-01T00:00:00.000000Z',
    '2026-02-30T00:00:00.000000Z',
    '2026-11-26T24:00:00.000000Z',
    '2026-11-26T10:00:00.123Z',
    '2026-11-26T10:00:00.123456+16:00',
    'infinity',
    '2026-11-26T10:00:00.000000Z\u0000',
    1_764_151_200_000,
    null,
  ],
  int: [2 ** 31, -(2 ** 31) - 1, 2 ** 63, 1.5, '5', null, true],
  bigint: ['9223372036854775808', '-9223372036854775809', '1e3', '0x10', '1.0', '', 5, null],
  text: ['a\u0000b', '\ud800', 'x'.repeat(1025), 5, null, ['a'], { id: 'a' }],
};

/**
 * Variants of a genuine cursor the list must refuse: bytes changed, sealed by another deployment, and
 * claims it never issues (sealed with the right key), position by position for the list's `kinds`.
 */
export function hostileCursors(genuine: string, kinds: PositionKind[]): Array<{ label: string; cursor: string }> {
  const claims = readCursor(genuine);
  expect(claims.positions).toHaveLength(kinds.length);
  const bytes = Buffer.from(genuine, 'base64url');
  const flipped = [0, 1, 20, bytes.length - 1].map((index) => {
    const copy = Buffer.from(bytes);
    copy[index] ^= 0x01;
    return { label: `byte ${index} changed`, cursor: copy.toString('base64url') };
  });
  const withPosition = (index: number, value: unknown) => forgeCursor({ ...claims, positions: claims.positions.map((old, i) => (i === index ? value : old)) });
  const positions = kinds.flatMap((kind, index) =>
    OUT_OF_KIND[kind].map((value) => ({ label: `position ${index} (${kind}) = ${JSON.stringify(value)?.slice(0, 40)}`, cursor: withPosition(index, value) })),
  );
  const forgedClaims = [
    { label: 'one position more', claims: { ...claims, positions: [...claims.positions, claims.positions[0]] } },
    { label: 'one position less', claims: { ...claims, positions: claims.positions.slice(1) } },
    { label: 'positions not a list', claims: { ...claims, positions: String(claims.positions[0]) } },
    { label: 'an extra claim', claims: { ...claims, admin: true } },
    { label: 'no scope', claims: { ...claims, scope: undefined } },
    { label: 'a list name of another type', claims: { ...claims, list: [claims.list] } },
    { label: 'another order', claims: { ...claims, order: claims.order === 'asc' ? 'desc' : 'asc' } },
    { label: 'another scope', claims: { ...claims, scope: 'tenant:somebody_else' } },
    { label: 'claims as a list', claims: [claims] },
  ].map(({ label, claims: forged }) => ({ label, cursor: forgeCursor(forged) }));
  return [
    ...flipped,
    { label: 'last character changed', cursor: genuine.slice(0, -1) + (genuine.endsWith('A') ? 'B' : 'A') },
    { label: 'sealed by another deployment', cursor: sealCursor(deriveCursorKeys('another-deployment-key-0123456789abcdef'), claims) },
    { label: 'not a cursor', cursor: 'WyIyMDI2LTExLTI2VDEwOjAwOjAwWiIsIngiXQ' },
    ...positions,
    ...forgedClaims,
  ];
}

/** Sends each cursor through `fetchWith` and expects 400 invalid_cursor for all of them. */
export async function expectCursorsRefused(
  fetchWith: (cursor: string) => Promise<{ status: number; body: { code?: string } }>,
  cursors: Array<{ label: string; cursor: string }>,
) {
  const answers: Array<[string, number, string | undefined]> = [];
  for (const { label, cursor } of cursors) {
    const res = await fetchWith(cursor);
    answers.push([label, res.status, res.body.code]);
  }
  expect(answers).toEqual(cursors.map(({ label }) => [label, 400, 'invalid_cursor']));
}

/** Sends each of BAD_LIMITS through `fetchWith` and expects 400 validation_failed naming `limit`. */
export async function expectBadLimitsRefused(
  fetchWith: (limit: string) => Promise<{ status: number; body: { code?: string; message?: unknown; errors?: unknown } }>,
) {
  for (const limit of BAD_LIMITS) {
    const res = await fetchWith(limit);
    const message = expect.stringMatching(/^limit must be a decimal integer /);
    expect([limit, res.status, res.body.code, res.body.message, res.body.errors]).toEqual([
      limit,
      400,
      'validation_failed',
      message,
      [{ path: 'limit', message }],
    ]);
  }
}

type Query = Record<string, string | number>;
/** One page of a list as its caller sees it; `query` adds to the list's own parameters. */
export type GetPage<T> = (query: Query) => Promise<ListPage<T>>;

const pageQuery = (query: Query, limit: number | string, cursor?: string): Query => ({ ...query, limit, ...(cursor === undefined ? {} : { cursor }) });

/**
 * Walks the list at page sizes 1, 2 and 3 (a page boundary between every two rows, ties and rows a
 * microsecond apart included): each walk gives exactly the rows of the one-page answer, in its order.
 * Returns those keys.
 */
export async function expectEveryRowOnce<T>(getPage: GetPage<T>, query: Query, key: (item: T) => string): Promise<string[]> {
  const whole = await getPage(pageQuery(query, 500));
  expect([whole.status, whole.body.hasMore, whole.body.nextCursor]).toEqual([200, false, null]);
  const expected = whole.body.data.map(key);
  expect(new Set(expected).size).toBe(expected.length);
  for (const limit of [1, 2, 3]) {
    const walked = await walkPages((cursor) => getPage(pageQuery(query, limit, cursor)));
    expect([limit, walked.map(key)]).toEqual([limit, expected]);
  }
  return expected;
}

/** A genuine cursor of the list's first page of one row. */
export async function firstCursor<T>(getPage: GetPage<T>, query: Query = {}): Promise<string> {
  const res = await getPage(pageQuery(query, 1));
  expect([res.status, res.body.nextCursor]).toEqual([200, expect.any(String)]);
  return res.body.nextCursor!;
}

/**
 * The list refuses, with 400 invalid_cursor, every hostile variant of its own cursor and the `foreign`
 * cursors (another tenant's, list's, sort's or order's); and refuses BAD_LIMITS.
 */
export async function expectCursorContract<T>(
  getPage: GetPage<T>,
  query: Query,
  kinds: PositionKind[],
  foreign: Array<{ label: string; cursor: string }>,
): Promise<void> {
  const genuine = await firstCursor(getPage, query);
  await expectCursorsRefused((cursor) => getPage({ ...query, cursor }), [...hostileCursors(genuine, kinds), ...foreign]);
  await expectBadLimitsRefused((limit) => getPage(pageQuery(query, limit)));
}

/**
 * Rewrites a time column of the rows `where` selects (`$1` is `base`, an instant with microseconds):
 * taken in `rank` order, each three rows share an instant, and consecutive instants lie one microsecond
 * apart, so that rows tie and differ within one millisecond (which a JS Date cannot tell apart).
 */
export async function crowdIntoOneMillisecond(
  db: TestDatabase,
  table: string,
  column: string,
  rank: string,
  where: string,
  base: string,
  params: unknown[] = [],
) {
  await db.sql(
    `WITH ranked AS (SELECT ctid AS row_id, (row_number() OVER (ORDER BY ${rank}) - 1) / 3 AS step FROM ${table} WHERE ${where})
     UPDATE ${table} SET ${column} = $1::timestamptz + ranked.step * interval '1 microsecond' FROM ranked WHERE ${table}.ctid = ranked.row_id`,
    [base, ...params],
  );
}
