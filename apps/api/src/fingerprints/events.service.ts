import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '#libs/database/src/index.js';
import { decodeKeyset, DEFAULT_PAGE_SIZE, Page, resolveWindow, toPage } from '#libs/http/src/index.js';
import { EventsQueryDto } from './dto/events-query.dto.js';
import { EventView, toEventView } from './event.types.js';
import { EventFilter, EventsRepository } from './events.repository.js';

@Injectable()
export class EventsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly events: EventsRepository,
  ) {}

  /** GET /v1/events: filters, a time window (default the last 30 days), newest first. */
  list(query: EventsQueryDto): Promise<Page<EventView>> {
    const { userId, fingerprint, domainprint, domain } = query;
    return this.page({ userId, fingerprint, domainprint, domain, ...resolveWindow(query) }, query.limit, query.cursor);
  }

  /** Events of one user, fingerprint or domainprint across all time, newest first (detail pages). */
  page(filter: Omit<EventFilter, 'limit' | 'before'>, limit = DEFAULT_PAGE_SIZE, cursor?: string): Promise<Page<EventView>> {
    return this.fetch({ ...filter, before: decodeKeyset(cursor, ['time', 'int'] as const), limit }, limit);
  }

  private async fetch(filter: EventFilter, limit: number): Promise<Page<EventView>> {
    const rows = await this.events.list({ ...filter, limit: limit + 1 });
    const withTenant = this.db.crossTenant;
    return toPage(
      rows,
      limit,
      (row) => toEventView(row, withTenant),
      (row) => [row.ts.toISOString(), String(row.id)],
    );
  }
}
