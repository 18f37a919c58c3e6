/**
 * Keyset pagination for a descending order `(key DESC, [tenant DESC,] id DESC)`: the condition for rows
 * strictly after the cursor. Within one tenant it is a single row comparison, which an index on
 * `(tenant_id, key, id)` answers as a range. Across tenants the tenant id breaks ties between tenants,
 * and `key <= cursor` keeps the range usable.
 *
 * `cursor` names the placeholders (with casts) of the position; its key placeholder is NULL on the first page.
 */
export function afterCursor(columns: { key: string; id: string; tenant?: string }, cursor: { key: string; id: string; tenant: string }): string {
  if (columns.tenant === undefined) return `(${cursor.key} IS NULL OR (${columns.key}, ${columns.id}) < (${cursor.key}, ${cursor.id}))`;
  return `(${cursor.key} IS NULL OR (${columns.key} <= ${cursor.key} AND (${columns.key}, ${columns.tenant}, ${columns.id}) < (${cursor.key}, ${cursor.tenant}, ${cursor.id})))`;
}

/** A `LIKE` pattern matching values that start with `prefix` (its wildcards taken literally). */
export function prefixPattern(prefix: string | undefined): string | null {
  return prefix === undefined ? null : `${prefix.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
