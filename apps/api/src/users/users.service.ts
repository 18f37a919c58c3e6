import { Injectable, NotFoundException } from '@nestjs/common';
import { AuditWriter } from '#libs/audit/src/index.js';
import { deepMerge, findForbiddenKey, JsonObject } from '#libs/common/src/deep-merge.js';
import { type ExportFilter, prefixPattern, TenantDatabase } from '#libs/database/src/index.js';
import {
  CursorCodec,
  type CursorSpec,
  DEFAULT_PAGE_SIZE,
  type ExportFormat,
  exportStream,
  invalidField,
  Page,
  PageQueryDto,
  type PositionKind,
  resolveOpenWindow,
} from '#libs/http/src/index.js';
import { EventsService } from '../fingerprints/events.service.js';
import { riskLevelRange, SIGNAL_WINDOW_DAYS } from '../signals/risk.js';
import { UpdateUserDto } from './dto/update-user.dto.js';
import { UsersExportQueryDto, UsersQueryDto } from './dto/users-query.dto.js';
import { toUserListItem, USER_CSV_COLUMNS, UserDetailRow, UserListItem } from './user.types.js';
import { UserListQuery, UserSort, UsersRepository } from './users.repository.js';

const METADATA_MAX_BYTES = 16 * 1024;
/** Related items shown on a detail page (the counts give the totals). */
const DETAIL_ITEMS = 100;

const SORT_POSITIONS: Record<UserSort, PositionKind> = { lastSeen: 'timestamp', eventCount: 'bigint', riskScore: 'int' };

@Injectable()
export class UsersService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly users: UsersRepository,
    private readonly events: EventsService,
    private readonly audit: AuditWriter,
    private readonly cursors: CursorCodec,
  ) {}

  async list(query: UsersQueryDto): Promise<Page<UserListItem>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const { sort, order } = sortOf(query);
    const spec: CursorSpec<[PositionKind, 'text', 'text']> = { list: 'users', sort, order, positions: [SORT_POSITIONS[sort], 'text', 'text'] };
    const cross = this.db.crossTenant;
    const after = this.cursors.decode(spec, query.cursor);
    const rows = await this.users.list({
      ...listFilter(query),
      after: after && { key: after[0], tenantId: after[1], userId: after[2] },
      limit: limit + 1,
    });
    return this.cursors.page(
      spec,
      rows,
      limit,
      (row) => toUserListItem(row, cross),
      (row) => [row.sort_position, row.tenant_id, row.user_id],
    );
  }

  /** GET /v1/users/export: the list's filters, sort and order, every matching user from one snapshot. */
  export(query: UsersExportQueryDto, format: ExportFormat) {
    const rows = this.users.exportRows(listFilter(query));
    return exportStream(rows, { name: 'users', format, map: (row) => toUserListItem(row, false), columns: USER_CSV_COLUMNS });
  }

  async get(userId: string, page: PageQueryDto = {}) {
    const row = await this.users.get(userId, signalWindowStart());
    if (!row) throw new NotFoundException(`User ${userId} not found`);
    return this.detail(row, page);
  }

  /** The changes, the audit row and the answer share one transaction; the user row is locked for the merge. */
  async update(userId: string, dto: UpdateUserDto) {
    const metadataPatch = dto.metadata === undefined ? undefined : checkedMetadata(dto.metadata);
    return this.db.transaction(async () => {
      const current = await this.users.get(userId, signalWindowStart(), true);
      if (!current) throw new NotFoundException(`User ${userId} not found`);
      const metadata = metadataPatch && deepMerge(current.metadata, metadataPatch);
      if (metadata && Buffer.byteLength(JSON.stringify(metadata)) > METADATA_MAX_BYTES) {
        throw invalidField('metadata', `metadata must be at most 16 KB (${METADATA_MAX_BYTES} bytes of JSON) once merged`);
      }
      const labels = dto.labels && [...new Set(dto.labels)];
      await this.users.update(userId, { status: dto.status, labels, metadata });
      const updated = { ...current, status: dto.status ?? current.status, labels: labels ?? current.labels, metadata: metadata ?? current.metadata };
      await this.audit.record({
        operation: 'user.update',
        entityType: 'end_user',
        entityId: userId,
        details: { changes: { status: dto.status, labels, metadata: metadataPatch } },
        resource: toUserListItem(updated, false),
      });
      return this.detail(updated, {});
    });
  }

  private async detail(row: UserDetailRow, page: PageQueryDto) {
    const [fingerprints, domainprints, incidents, recentEvents] = [
      await this.users.fingerprints(row.user_id, DETAIL_ITEMS),
      await this.users.domainprints(row.user_id, DETAIL_ITEMS),
      await this.users.incidents(row.user_id, DETAIL_ITEMS),
      await this.events.page({ userId: row.user_id }, page.limit, page.cursor),
    ];
    return {
      ...toUserListItem(row, false),
      metadata: row.metadata,
      stats: {
        eventCount: Number(row.event_count),
        eventsByType: {
          page_view: Number(row.page_views),
          login: Number(row.logins),
          signup: Number(row.signups),
          purchase: Number(row.purchases),
          custom: Number(row.custom_events),
        },
        fingerprintCount: row.fingerprint_count,
        domainprintCount: row.domainprint_count,
        domainCount: row.domains.length,
        firstSeen: row.first_seen.toISOString(),
        lastSeen: row.last_seen.toISOString(),
      },
      fingerprints: fingerprints.map((fp) => ({
        fingerprint: fp.fingerprint,
        eventCount: Number(fp.event_count),
        userCount: fp.user_count,
        firstSeen: fp.first_seen.toISOString(),
        lastSeen: fp.last_seen.toISOString(),
      })),
      domainprints: domainprints.map((dp) => ({
        domainprint: dp.domainprint,
        eventCount: Number(dp.event_count),
        domains: dp.domains,
        firstSeen: dp.first_seen.toISOString(),
        lastSeen: dp.last_seen.toISOString(),
      })),
      incidents: incidents.map((incident) => ({
        signal: incident.signal,
        startedAt: incident.started_at.toISOString(),
        occurredAt: incident.occurred_at.toISOString(),
        detectedAt: incident.detected_at.toISOString(),
        evidence: incident.evidence,
      })),
      recentEvents,
    };
  }
}

const sortOf = (query: UsersExportQueryDto) => ({ sort: query.sort ?? 'lastSeen', order: query.order ?? 'desc' }) as const;

function listFilter(query: UsersExportQueryDto): ExportFilter<UserListQuery> {
  return {
    ...sortOf(query),
    since: signalWindowStart(),
    pattern: prefixPattern(query.q),
    scoreRange: query.riskLevel ? riskLevelRange(query.riskLevel) : undefined,
    status: query.status,
    label: query.label,
    signal: query.signal,
    domain: query.domain,
    ...resolveOpenWindow(query),
  };
}

export function signalWindowStart(now = Date.now()): Date {
  return new Date(now - SIGNAL_WINDOW_DAYS * 86_400_000);
}

/** Metadata patches must be JSON without prototype-pollution keys (text PostgreSQL cannot store never gets this far). */
function checkedMetadata(patch: Record<string, unknown>): JsonObject {
  const forbidden = findForbiddenKey(patch);
  if (forbidden) throw invalidField(`metadata.${forbidden}`, `metadata.${forbidden}: __proto__, constructor and prototype keys are not allowed`);
  if (Buffer.byteLength(JSON.stringify(patch)) > METADATA_MAX_BYTES) throw invalidField('metadata', 'metadata must be at most 16 KB');
  return patch;
}
