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
   * Newest first by (timestamp, id); each filter picks its index (user, fingerprint, domainprint or time).
   * Across tenants (superadmin), each tenant's newest page is merged: ids are unique across tenants.
   */
  list(filter: EventFilter): Promise<EventRow[]> {
    return this.scopedRead<EventRow>(
      (tenant) => `
        SELECT ${EVENT_COLUMNS} FROM events e
        WHERE e.tenant_id = ${tenant}
          AND ($2::text IS NULL OR e.user_id = $2) AND ($3::text IS NULL OR e.fingerprint = $3)
          AND ($4::text IS NULL OR e.domainprint = $4) AND ($5::text IS NULL OR e.domain = $5)
          AND ($6::timestamptz IS NULL OR e.ts >= $6) AND ($7::timestamptz IS NULL OR e.ts < $7)
          AND ($8::timestamptz IS NULL OR (e.ts, e.id) < ($8, $9::bigint))
        ORDER BY e.ts DESC, e.id DESC LIMIT $10`,
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
