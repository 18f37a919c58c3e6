export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** `ASC` or `DESC`, for an ORDER BY. */
export const direction = (order: SortOrder): string => (order === 'asc' ? 'ASC' : 'DESC');

/** The comparison that holds for rows after a position in `order`. */
export const beyond = (order: SortOrder): string => (order === 'asc' ? '>' : '<');

/**
 * Keyset pagination for the order `(key, [tenant,] id)`, all ascending or all descending: the condition for
 * rows strictly after the cursor. Within one tenant it is a single row comparison, which an index on
 * `(tenant_id, key, id)` answers as a range. Across tenants the tenant id breaks ties between tenants,
 * and bounding `key` on its own keeps the range usable.
 *
 * `cursor` names the placeholders (with casts) of the position; its key placeholder is NULL on the first page.
 */
export function afterCursor(
  columns: { key: string; id: string; tenant?: string },
  cursor: { key: string; id: string; tenant: string },
  order: SortOrder,
): string {
  const after = beyond(order);
  if (columns.tenant === undefined) return `(${cursor.key} IS NULL OR (${columns.key}, ${columns.id}) ${after} (${cursor.key}, ${cursor.id}))`;
  return `(${cursor.key} IS NULL OR (${columns.key} ${after}= ${cursor.key} AND (${columns.key}, ${columns.tenant}, ${columns.id}) ${after} (${cursor.key}, ${cursor.tenant}, ${cursor.id})))`;
}

/**
 * A timestamptz as a cursor carries it: UTC text with all six fractional digits, so the next page starts
 * exactly after it (through a JS Date it would lose its microseconds and skip or repeat rows).
 */
export const cursorTimestamp = (column: string): string => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** A `LIKE` pattern matching values that start with `prefix` (its wildcards taken literally). */
export function prefixPattern(prefix: string | undefined): string | null {
  return prefix === undefined ? null : `${prefix.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** A list's filter as an export takes it: the same filters and order, without a page position or a limit. */
export type ExportFilter<F> = Omit<F, 'after' | 'limit'>;
