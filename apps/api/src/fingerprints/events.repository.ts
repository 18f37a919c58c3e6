import { Injectable } from '@nestjs/common';
import { TenantScopedRepository } from '#libs/database/src/index.js';
import { EVENT_COLUMNS, EventRow } from './event.types.js';

export interface EventFilter {
  userId?: string;
  fingerprint?: string;
  domainprint?: string;
  domain?: string;
  /** Inclusive; none = no lower bound. */
  from?: Date;
  /** Exclusive; none = no upper bound. */
  to?: Date;
  /** Rows strictly older than this (timestamp, id) position. */
  before?: readonly [Date, string];
  limit: number;
}

@Injectable()
export class EventsRepository extends TenantScopedRepository {
  /**
   * Newest first by (timestamp, id). A filter on user, fingerprint or domainprint leads the order and the
   * cursor condition with that column, so its index answers the page as a range whatever the planner's
   * statistics (the time index would otherwise look cheaper on a table never analysed). Across tenants
   * (superadmin), each tenant's newest page is merged: ids are unique across tenants.
   */
  list(filter: EventFilter): Promise<EventRow[]> {
    const lead =
      filter.userId !== undefined
        ? 'e.user_id'
        : filter.fingerprint !== undefined
          ? 'e.fingerprint'
          : filter.domainprint !== undefined
            ? 'e.domainprint'
            : undefined;
    const leadValue = lead === 'e.user_id' ? '$2' : lead === 'e.fingerprint' ? '$3' : '$4';
    const order = lead ? `${lead} DESC, e.ts DESC, e.id DESC` : 'e.ts DESC, e.id DESC';
    const after = lead ? `(${lead}, e.ts, e.id) < (${leadValue}::text, $8, $9::bigint)` : '(e.ts, e.id) < ($8, $9::bigint)';
    return this.scopedRead<EventRow>(
      (tenant) => `
        SELECT ${EVENT_COLUMNS} FROM events e
        WHERE e.tenant_id = ${tenant}
          AND ($2::text IS NULL OR e.user_id = $2) AND ($3::text IS NULL OR e.fingerprint = $3)
          AND ($4::text IS NULL OR e.domainprint = $4) AND ($5::text IS NULL OR e.domain = $5)
          AND ($6::timestamptz IS NULL OR e.ts >= $6) AND ($7::timestamptz IS NULL OR e.ts < $7)
          AND ($8::timestamptz IS NULL OR ${after})
        ORDER BY ${order} LIMIT $10`,
      `ORDER BY x.ts DESC, x.id DESC LIMIT $10`,
      [
        filter.userId ?? null,
        filter.fingerprint ?? null,
        filter.domainprint ?? null,
        filter.domain ?? null,
        filter.from ?? null,
        filter.to ?? null,
        filter.before?.[0] ?? null,
        filter.before?.[1] ?? null,
        filter.limit,
      ],
    );
  }
}
