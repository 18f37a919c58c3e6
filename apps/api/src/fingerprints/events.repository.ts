import { Injectable } from '@nestjs/common';
import { beyond, cursorTimestamp, direction, type ExportFilter, type SortOrder, TenantScopedRepository } from '#libs/database/src/index.js';
import { type ExportFormat, exportLineSql } from '#libs/http/src/index.js';
import type { EventType } from './event-schema.js';
import { EVENT_COLUMNS, EVENT_CSV_COLUMNS, EVENT_LINE_FIELDS, EventRow } from './event.types.js';

export interface EventFilter {
  userId?: string;
  fingerprint?: string;
  domainprint?: string;
  domain?: string;
  eventType?: EventType;
  /** Inclusive; none = no lower bound. */
  from?: Date;
  /** Exclusive; none = no upper bound. */
  to?: Date;
  order: SortOrder;
  /** Rows strictly after this (timestamp as exact text, id) position in `order`. */
  after?: readonly [string, string];
  limit: number;
}

/** The event and its timestamp as the exact text a cursor carries. */
export type ListedEventRow = EventRow & { ts_position: string };

/** An event's export line in each format (see exportLineSql). */
const EVENT_LINES: Record<ExportFormat, string> = {
  ndjson: exportLineSql('ndjson', EVENT_LINE_FIELDS, EVENT_CSV_COLUMNS),
  csv: exportLineSql('csv', EVENT_LINE_FIELDS, EVENT_CSV_COLUMNS),
};

@Injectable()
export class EventsRepository extends TenantScopedRepository {
  /**
   * By (timestamp, id), newest first unless `order` is asc. A filter on user, fingerprint or domainprint leads the order and the
   * cursor condition with that column, so its index answers the page as a range whatever the planner's
   * statistics (the time index would otherwise look cheaper on a table never analysed). Across tenants
   * (superadmin), each tenant's first page is merged: ids are unique across tenants.
   */
  list(filter: EventFilter): Promise<ListedEventRow[]> {
    const { build, merge, params } = this.listQuery(filter);
    return this.scopedRead<ListedEventRow>(build, merge, params);
  }

  /**
   * Every event the list's filters select, in the list's order, in batches from one snapshot (no cursor, no limit),
   * each event as its export line in `format`, written by PostgreSQL, and each batch as its lines' bytes.
   */
  exportLines(filter: ExportFilter<EventFilter>, format: ExportFormat): AsyncGenerator<Buffer, void, undefined> {
    const { build, params } = this.listQuery({ ...filter, limit: null });
    return this.scopedExportText(build('$1', EVENT_LINES[format]), params);
  }

  private listQuery(filter: Omit<EventFilter, 'limit'> & { limit: number | null }) {
    const lead =
      filter.userId !== undefined
        ? 'e.user_id'
        : filter.fingerprint !== undefined
          ? 'e.fingerprint'
          : filter.domainprint !== undefined
            ? 'e.domainprint'
            : undefined;
    const leadValue = lead === 'e.user_id' ? '$2' : lead === 'e.fingerprint' ? '$3' : '$4';
    const dir = direction(filter.order);
    const later = beyond(filter.order);
    const order = lead ? `${lead} ${dir}, e.ts ${dir}, e.id ${dir}` : `e.ts ${dir}, e.id ${dir}`;
    const after = lead ? `(${lead}, e.ts, e.id) ${later} (${leadValue}::text, $8, $9::bigint)` : `(e.ts, e.id) ${later} ($8, $9::bigint)`;
    return {
      // `LIMIT NULL` is no limit: the export reads the list's query whole, selecting its lines.
      build: (tenant: string, select = `${EVENT_COLUMNS}, ${cursorTimestamp('e.ts')} AS ts_position`) => `
        SELECT ${select} FROM events e
        WHERE e.tenant_id = ${tenant}
          AND ($2::text IS NULL OR e.user_id = $2) AND ($3::text IS NULL OR e.fingerprint = $3)
          AND ($4::text IS NULL OR e.domainprint = $4) AND ($5::text IS NULL OR e.domain = $5)
          AND ($6::timestamptz IS NULL OR e.ts >= $6) AND ($7::timestamptz IS NULL OR e.ts < $7)
          AND ($8::timestamptz IS NULL OR ${after}) AND ($11::text IS NULL OR e.event_type = $11)
        ORDER BY ${order} LIMIT $10::int`,
      merge: `ORDER BY x.ts ${dir}, x.id ${dir} LIMIT $10::int`,
      params: [
        filter.userId ?? null,
        filter.fingerprint ?? null,
        filter.domainprint ?? null,
        filter.domain ?? null,
        filter.from ?? null,
        filter.to ?? null,
        filter.after?.[0] ?? null,
        filter.after?.[1] ?? null,
        filter.limit,
        filter.eventType ?? null,
      ],
    };
  }
}
