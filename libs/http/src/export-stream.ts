import { applyDecorators, createParamDecorator, type ExecutionContext, Logger, StreamableFile, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, getSchemaPath } from '@nestjs/swagger';
import { stringify } from 'csv-stringify/sync';
import type { Request } from 'express';
import { Readable } from 'node:stream';
import { SnapshotLockTaken } from '#libs/database/src/index.js';
import { ApiException } from './error-codes.js';
import { ApiErrors } from './openapi.js';

export const EXPORT_MEDIA_TYPES = { ndjson: 'application/x-ndjson', csv: 'text/csv' } as const;
export type ExportFormat = keyof typeof EXPORT_MEDIA_TYPES;

/** `Accept`: NDJSON unless the client prefers CSV; a client that accepts neither gets 406 `not_acceptable`. */
export function exportFormatOf(req: Pick<Request, 'accepts'>): ExportFormat {
  const accepted = req.accepts([EXPORT_MEDIA_TYPES.ndjson, EXPORT_MEDIA_TYPES.csv]);
  if (accepted === EXPORT_MEDIA_TYPES.ndjson) return 'ndjson';
  if (accepted === EXPORT_MEDIA_TYPES.csv) return 'csv';
  throw new ApiException(406, 'not_acceptable', `Exports are answered as ${EXPORT_MEDIA_TYPES.ndjson} (the default) or ${EXPORT_MEDIA_TYPES.csv}`);
}

/** The export format the request's `Accept` asks for (see exportFormatOf). */
export const AcceptedExportFormat = createParamDecorator((_: unknown, context: ExecutionContext) =>
  exportFormatOf(context.switchToHttp().getRequest<Request>()),
);

/** The OpenAPI description every export route shares: both media types, and the answers particular to exports. */
export function ExportOperation(operationId: string, summary: string, item: Type<unknown>) {
  return applyDecorators(
    ApiOperation({
      operationId,
      summary,
      description:
        'NDJSON by default (one list item per line); CSV with `Accept: text/csv` (a header row, nested fields as dotted columns such as `geo.lat`, ' +
        "arrays and free-form objects as JSON text, cells starting with = + - @ prefixed with '). Failures before the first byte are JSON " +
        'errors; a failure while streaming cuts the connection, so a truncated export never looks complete.',
    }),
    ApiExtraModels(item),
    // Each NDJSON line is one list item, so the item's schema types the lines.
    ApiOkResponse({
      description: 'The rows, streamed',
      content: { [EXPORT_MEDIA_TYPES.ndjson]: { schema: { $ref: getSchemaPath(item) } }, [EXPORT_MEDIA_TYPES.csv]: { schema: { type: 'string' } } },
    }),
    ApiErrors(
      { status: 406, description: '`not_acceptable`: Accept names neither application/x-ndjson nor text/csv' },
      { status: 429, description: '`export_in_progress`: another export of this tenant is running (Retry-After)' },
    ),
  );
}

export interface ExportShape<R, T> {
  /** The file name's stem (`events` → `events.csv`). */
  name: string;
  format: ExportFormat;
  /** The list item of a row: an export's lines have the list's field shapes. */
  map: (row: R) => T;
  /**
   * CSV columns as dotted paths into the item (`geo.lat`); the header row repeats them. Objects of a fixed shape
   * are flattened this way; arrays and free-form objects (audit `details`) are written as JSON text.
   */
  columns: readonly string[];
}

const logger = new Logger('Export');
/**
 * Rows per chunk written (a batch is written in several): small strings, where one per batch (hundreds of KB)
 * would be a large object that only a full collection frees.
 */
const ROWS_PER_CHUNK = 64;

/**
 * Streams `batches` (see TenantScopedRepository.scopedExport) as NDJSON or CSV. The first batch is read
 * here, before the answer starts, so whatever fails up to then (a running export, a bad query) is an ordinary
 * JSON error; a failure after that can no longer change the status, so the connection is cut and the client
 * sees a truncated body rather than one that looks complete. Batches are serialised a few rows per chunk and
 * the next is fetched only when the response has taken the previous one (back-pressure all the way to the cursor).
 * If the client goes away, the stream is destroyed and the read stops at the batch in hand.
 */
export async function exportStream<R, T>(batches: AsyncGenerator<R[], void, undefined>, shape: ExportShape<R, T>): Promise<StreamableFile> {
  let first: IteratorResult<R[], void>;
  try {
    first = await batches.next();
  } catch (error) {
    if (error instanceof SnapshotLockTaken) {
      throw new ApiException(429, 'export_in_progress', 'An export of this tenant is already running; retry once it has finished');
    }
    throw error;
  }
  const serialise = shape.format === 'csv' ? csvChunk(shape.columns) : ndjsonChunk;
  async function* chunks(): AsyncGenerator<string> {
    let result = first;
    let header = true;
    try {
      for (; !result.done; result = await batches.next()) {
        // The whole batch is serialised at once, so its row objects die young; only the text waits for the socket.
        const pieces: string[] = [];
        for (let start = 0; start < result.value.length; start += ROWS_PER_CHUNK) {
          pieces.push(serialise(result.value.slice(start, start + ROWS_PER_CHUNK).map(shape.map), header));
          header = false;
        }
        result = { done: false, value: [] };
        yield* pieces;
      }
      if (header && shape.format === 'csv') yield serialise([], true);
    } finally {
      // Destroyed early (the client left, or writing failed): ends the read and its transaction if still ours.
      await batches.return(undefined);
    }
  }
  return new StreamableFile(Readable.from(chunks(), { objectMode: false }), {
    type: `${EXPORT_MEDIA_TYPES[shape.format]}; charset=utf-8`,
    disposition: `attachment; filename="${shape.name}.${shape.format === 'csv' ? 'csv' : 'ndjson'}"`,
  })
    .setErrorLogger((error) => logger.error({ err: error }, `${shape.name} export failed while streaming`))
    .setErrorHandler((error, res) => {
      logger.error({ err: error }, `${shape.name} export failed while streaming; the connection is cut`);
      if (!res.destroyed) res.destroy?.();
    });
}

function ndjsonChunk(items: unknown[]): string {
  let chunk = '';
  for (const item of items) chunk += `${JSON.stringify(item)}\n`;
  return chunk;
}

/**
 * RFC 4180 (CRLF records, fields with quotes, commas or line breaks quoted, quotes doubled), with formula
 * injection escaped as OWASP advises: a text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return
 * gets a leading `'` (numbers keep their sign).
 */
function csvChunk(columns: readonly string[]): (items: unknown[], header: boolean) => string {
  const options = {
    columns: [...columns],
    escape_formulas: true,
    record_delimiter: 'windows' as const,
    cast: { boolean: (value: boolean) => String(value), object: (value: object) => JSON.stringify(value) },
  };
  return (items, header) => stringify(items, { ...options, header });
}
