import { type ExportFormat, FORMULA_START_CHARACTERS, QUOTED_CHARACTERS } from './export-stream.js';

/**
 * A field of an export line that PostgreSQL writes (see exportLineSql): an SQL expression over the exported row
 * and how the list item holds it. Null (SQL NULL) is JSON `null` and an empty CSV cell, as in the list.
 */
export type LineField =
  /** A string, escaped as JSON.stringify escapes it. */
  | { text: string }
  /** A double precision (or integer) value, written as JavaScript writes the number. */
  | { number: string }
  /** A timestamptz, written as Date#toISOString writes it (milliseconds, `Z`). */
  | { timestamp: string }
  /** An object of a fixed shape, or null when `when` (SQL) does not hold; in CSV, its fields are dotted columns. */
  | { object: LineFields; when: string };

/** The fields of a line, in the list item's order (JSON keeps it). */
export type LineFields = Readonly<Record<string, LineField>>;

/**
 * The SQL expression writing one list item's export line, its line break included, from `fields`: the NDJSON line
 * JSON.stringify writes for the list item, or the CSV record csvFormat writes for it over `columns`.
 *
 * Measured on 1M events (bench, both data shapes): with node-postgres building one object of 23 fields per row and
 * this process an item and a JSON string per row, an export cost the API 11-12 CPU s and its first one grew RSS by
 * ~190 MB; with one text value per row, 3-6 CPU s and ~57 MB, at 1.3-1.6× the rows/s. PostgreSQL builds the lines
 * in the cursor's query (a realistic NDJSON export's whole query ran in ~5.5 s).
 */
export function exportLineSql(format: ExportFormat, fields: LineFields, columns: readonly string[]): string {
  if (format === 'ndjson') return `${jsonObject(fields)} || E'\\n'`;
  const cells = columns.map((column) => csvCell(column.split('.'), fields));
  return `concat_ws(',', ${cells.join(', ')}) || E'\\r\\n'`;
}

/** `{"key":value,...}`; every part is non-null, so concat's skipping of NULLs never applies. */
function jsonObject(fields: LineFields): string {
  const parts = Object.entries(fields).map(([key, field], index) => `${literal(`${index === 0 ? '{' : ','}${JSON.stringify(key)}:`)}, ${jsonValue(field)}`);
  return `concat(${parts.join(', ')}, '}')`;
}

function jsonValue(field: LineField): string {
  if ('text' in field) return `COALESCE(to_json(${field.text})::text, 'null')`;
  if ('number' in field) return `COALESCE(${jsNumber(field.number)}, 'null')`;
  if ('timestamp' in field) return `COALESCE('"' || ${iso(field.timestamp)} || '"', 'null')`;
  return `CASE WHEN ${field.when} THEN ${jsonObject(field.object)} ELSE 'null' END`;
}

/** The CSV cell at `path` (`geo.lat`): empty when an object on the way is null. */
function csvCell(path: readonly string[], fields: LineFields): string {
  const field = fields[path[0]];
  if (field === undefined) throw new Error(`No export field ${path.join('.')}`);
  if ('object' in field) {
    if (path.length === 1) throw new Error(`The export field ${path[0]} is an object: its CSV columns name its fields`);
    return `CASE WHEN ${field.when} THEN ${csvCell(path.slice(1), field.object)} ELSE '' END`;
  }
  if (path.length > 1) throw new Error(`The export field ${path[0]} has no fields`);
  if ('text' in field) return csvText(field.text);
  if ('number' in field) return `COALESCE(${jsNumber(field.number)}, '')`;
  return `COALESCE(${iso(field.timestamp)}, '')`;
}

/**
 * csvText in SQL: the formula guard, then quoting. Most cells need neither, and one regular expression tells
 * (`value` is repeated, so it should be a column or a cheap expression).
 */
function csvText(value: string): string {
  const formula = `'^[${FORMULA_START_CHARACTERS}]'`;
  const guarded = `CASE WHEN ${value} ~ ${formula} THEN '''' || ${value} ELSE ${value} END`;
  return `CASE WHEN ${value} ~ '^[${FORMULA_START_CHARACTERS}]|[${QUOTED_CHARACTERS}]'
    THEN CASE WHEN ${value} ~ '[${QUOTED_CHARACTERS}]' THEN '"' || replace(${guarded}, '"', '""') || '"' ELSE ${guarded} END
    ELSE COALESCE(${value}, '') END`;
}

/**
 * Number#toString of a finite double (the only kind a list item holds). float8out writes the same shortest
 * digits as JavaScript (with the default extra_float_digits = 1), in the same notation for magnitudes from 1e-4
 * up to 1e15; below and above, it switches to an exponent where JavaScript still writes every digit down to
 * 1e-6 and up to 1e21 (numeric spells those digits out exactly), and it pads exponents to two digits. -0 is `0`.
 */
function jsNumber(value: string): string {
  return `CASE WHEN ${value} = 0 THEN '0'
    WHEN abs(${value}) >= 1e-4 AND abs(${value}) < 1e15 THEN ${value}::text
    WHEN abs(${value}) >= 1e-6 AND abs(${value}) < 1e21 THEN ${value}::text::numeric::text
    ELSE regexp_replace(${value}::text, 'e([+-])0*', 'e\\1') END`;
}

/** Date#toISOString of a timestamp as node-postgres reads it: to the millisecond, truncated, in UTC. */
const iso = (value: string) => `app_private.iso(${value})`;

/** An SQL string literal of `text`. */
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
