import { Injectable } from '@nestjs/common';
import { type SortOrder, TenantDatabase } from '#libs/database/src/index.js';
import { CursorCodec, type CursorSpec, DEFAULT_PAGE_SIZE, type ExportFormat, exportStream, Page, resolveWindow } from '#libs/http/src/index.js';
import { EventsExportQueryDto, EventsQueryDto } from './dto/events-query.dto.js';
import { EVENT_CSV_COLUMNS, EventView, toEventView } from './event.types.js';
import { EventFilter, EventsRepository } from './events.repository.js';

/** Every page of events, the list's and those of detail pages, is keyed by (timestamp, id). */
const eventsCursor = (order: SortOrder): CursorSpec<['timestamp', 'bigint']> => ({
  list: 'events',
  sort: 'timestamp',
  order,
  positions: ['timestamp', 'bigint'],
});

@Injectable()
export class EventsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly events: EventsRepository,
    private readonly cursors: CursorCodec,
  ) {}

  /** GET /v1/events: filters, a time window (default the last 30 days), newest first unless `order=asc`. */
  list(query: EventsQueryDto): Promise<Page<EventView>> {
    return this.fetch(listFilter(query), query.order ?? 'desc', query.limit, query.cursor);
  }

  /** GET /v1/events/export: the list's filters and order, every matching event from one snapshot. */
  export(query: EventsExportQueryDto, format: ExportFormat) {
    const lines = this.events.exportLines({ ...listFilter(query), order: query.order ?? 'desc' }, format);
    return exportStream(lines, { name: 'events', format, columns: EVENT_CSV_COLUMNS });
  }

  /** Events of one user, fingerprint or domainprint across all time, newest first (detail pages). */
  page(filter: Omit<EventFilter, 'limit' | 'after' | 'order'>, limit?: number, cursor?: string): Promise<Page<EventView>> {
    return this.fetch(filter, 'desc', limit, cursor);
  }

  private async fetch(
    filter: Omit<EventFilter, 'limit' | 'after' | 'order'>,
    order: SortOrder,
    limit = DEFAULT_PAGE_SIZE,
    cursor?: string,
  ): Promise<Page<EventView>> {
    const spec = eventsCursor(order);
    const after = this.cursors.decode(spec, cursor);
    const rows = await this.events.list({ ...filter, order, after, limit: limit + 1 });
    const withTenant = this.db.crossTenant;
    return this.cursors.page(
      spec,
      rows,
      limit,
      (row) => toEventView(row, withTenant),
      (row) => [row.ts_position, String(row.id)],
    );
  }
}

function listFilter(query: EventsExportQueryDto): Omit<EventFilter, 'limit' | 'after' | 'order'> {
  const { userId, fingerprint, domainprint, domain, eventType } = query;
  return { userId, fingerprint, domainprint, domain, eventType, ...resolveWindow(query) };
}
