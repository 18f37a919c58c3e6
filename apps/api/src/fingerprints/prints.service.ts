import { Injectable, NotFoundException } from '@nestjs/common';
import { prefixPattern, TenantDatabase } from '#libs/database/src/index.js';
import { CursorCodec, type CursorSpec, DEFAULT_PAGE_SIZE, Page, PageQueryDto, type PositionKind, resolveOpenWindow } from '#libs/http/src/index.js';
import type { FingerprintsQueryDto } from './dto/prints-query.dto.js';
import { EventsService } from './events.service.js';
import { DomainprintRow, FingerprintRow, type FingerprintSort, Listed, PrintListQuery, PrintsRepository } from './prints.repository.js';

const FINGERPRINT_SORT_POSITIONS: Record<FingerprintSort, PositionKind> = { lastSeen: 'timestamp', userCount: 'int', eventCount: 'bigint' };

/** Related items shown on a detail page (the counts give the totals). */
const DETAIL_ITEMS = 100;

const seen = (row: { first_seen: Date; last_seen: Date }) => ({ firstSeen: row.first_seen.toISOString(), lastSeen: row.last_seen.toISOString() });
const related = (row: { user_id: string; event_count: string; first_seen: Date; last_seen: Date }) => ({
  userId: row.user_id,
  eventCount: Number(row.event_count),
  ...seen(row),
});

function toFingerprint(row: FingerprintRow, withTenant: boolean) {
  return {
    ...(withTenant ? { tenantId: row.tenant_id } : {}),
    fingerprint: row.fingerprint,
    userCount: row.user_count,
    eventCount: Number(row.event_count),
    domains: row.domains,
    ...seen(row),
    collision: row.user_count > 1,
  };
}

function toDomainprint(row: DomainprintRow, withTenant: boolean) {
  return {
    ...(withTenant ? { tenantId: row.tenant_id } : {}),
    domainprint: row.domainprint,
    userCount: row.user_count,
    fingerprintCount: row.fingerprint_count,
    eventCount: Number(row.event_count),
    domains: row.domains,
    crossDomain: row.domains.length > 1,
    ...seen(row),
  };
}

@Injectable()
export class PrintsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly prints: PrintsRepository,
    private readonly events: EventsService,
    private readonly cursors: CursorCodec,
  ) {}

  listFingerprints(query: FingerprintsQueryDto) {
    const sort = query.sort ?? 'lastSeen';
    const order = query.order ?? 'desc';
    const filters = { sort, pattern: prefixPattern(query.q), ...resolveOpenWindow(query) };
    return this.list(
      { list: 'fingerprints', sort, order, positions: [FINGERPRINT_SORT_POSITIONS[sort], 'text', 'text'] },
      query,
      query.collisionsOnly === 'true',
      (page) => this.prints.listFingerprints({ ...page, ...filters }),
      toFingerprint,
      (row) => row.fingerprint,
    );
  }

  listDomainprints(page: PageQueryDto, crossDomainOnly: boolean) {
    return this.list(
      { list: 'domainprints', sort: 'lastSeen', order: 'desc', positions: ['timestamp', 'text', 'text'] },
      page,
      crossDomainOnly,
      (query) => this.prints.listDomainprints(query),
      toDomainprint,
      (row) => row.domainprint,
    );
  }

  async getFingerprint(fingerprint: string, page: PageQueryDto) {
    const row = await this.prints.getFingerprint(fingerprint);
    if (!row) throw new NotFoundException(`Fingerprint ${fingerprint} not found`);
    const users = await this.prints.fingerprintUsers(fingerprint, DETAIL_ITEMS);
    return { ...toFingerprint(row, false), users: users.map(related), events: await this.events.page({ fingerprint }, page.limit, page.cursor) };
  }

  async getDomainprint(domainprint: string, page: PageQueryDto) {
    const row = await this.prints.getDomainprint(domainprint);
    if (!row) throw new NotFoundException(`Domainprint ${domainprint} not found`);
    const users = await this.prints.domainprintUsers(domainprint, DETAIL_ITEMS);
    const fingerprints = await this.prints.domainprintFingerprints(domainprint, DETAIL_ITEMS);
    return {
      ...toDomainprint(row, false),
      users: users.map(related),
      fingerprints: fingerprints.map((fp) => ({ fingerprint: fp.fingerprint, firstSeen: fp.first_seen.toISOString() })),
      events: await this.events.page({ domainprint }, page.limit, page.cursor),
    };
  }

  private async list<R extends { tenant_id: string }, T>(
    spec: CursorSpec<[PositionKind, 'text', 'text']>,
    page: PageQueryDto,
    only: boolean,
    fetch: (query: PrintListQuery) => Promise<Array<Listed<R>>>,
    map: (row: R, withTenant: boolean) => T,
    keyOf: (row: R) => string,
  ): Promise<Page<T>> {
    const limit = page.limit ?? DEFAULT_PAGE_SIZE;
    const after = this.cursors.decode(spec, page.cursor);
    const rows = await fetch({ only, order: spec.order, after: after && { key: after[0], tenantId: after[1], id: after[2] }, limit: limit + 1 });
    const cross = this.db.crossTenant;
    return this.cursors.page(
      spec,
      rows,
      limit,
      (row) => map(row, cross),
      (row) => [row.sort_position, row.tenant_id, keyOf(row)],
    );
  }
}
