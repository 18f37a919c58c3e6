import { Injectable } from '@nestjs/common';
import { afterCursor, cursorTimestamp, direction, type SortOrder, TenantScopedRepository } from '#libs/database/src/index.js';

export interface FingerprintRow {
  tenant_id: string;
  fingerprint: string;
  user_count: number;
  event_count: string;
  domains: string[];
  first_seen: Date;
  last_seen: Date;
}

export interface DomainprintRow {
  tenant_id: string;
  domainprint: string;
  user_count: number;
  fingerprint_count: number;
  event_count: string;
  domains: string[];
  first_seen: Date;
  last_seen: Date;
}

export type FingerprintSort = 'lastSeen' | 'userCount' | 'eventCount';

export interface PrintListQuery {
  /** Only fingerprints with more than one user, or domainprints seen on more than one domain. */
  only: boolean;
  order: SortOrder;
  /** The previous page's last row: its sort value (exact text for times), tenant, fingerprint or domainprint. */
  after?: { key: string | number; tenantId: string; id: string };
  limit: number;
}

/** Fingerprints also sort by user or event count, and filter by prefix and last-seen window. */
export interface FingerprintListQuery extends PrintListQuery {
  sort: FingerprintSort;
  /** LIKE pattern for the fingerprint prefix. */
  pattern: string | null;
  from?: Date;
  to?: Date;
}

/** A listed row with its sort value as a cursor carries it. */
export type Listed<R> = R & { sort_position: string | number };

const FINGERPRINT_COLUMNS = 'f.tenant_id, f.fingerprint, f.user_count, f.event_count, f.domains, f.first_seen, f.last_seen';
const DOMAINPRINT_COLUMNS = 'd.tenant_id, d.domainprint, d.user_count, d.fingerprint_count, d.event_count, d.domains, d.first_seen, d.last_seen';

interface SortKey {
  column: string;
  type: string;
  position: string;
}

const FINGERPRINT_SORTS: Record<FingerprintSort, SortKey> = {
  lastSeen: { column: 'f.last_seen', type: 'timestamptz', position: cursorTimestamp('f.last_seen') },
  userCount: { column: 'f.user_count', type: 'int', position: 'f.user_count' },
  eventCount: { column: 'f.event_count', type: 'bigint', position: 'f.event_count::text' },
};
const DOMAINPRINT_BY_LAST_SEEN: SortKey = { column: 'd.last_seen', type: 'timestamptz', position: cursorTimestamp('d.last_seen') };

/** Fingerprints and domainprints from their rollups, in the sort's order (most recent first unless asc). */
@Injectable()
export class PrintsRepository extends TenantScopedRepository {
  listFingerprints(query: FingerprintListQuery): Promise<Array<Listed<FingerprintRow>>> {
    const key = FINGERPRINT_SORTS[query.sort];
    // $6 the prefix pattern, $7 and $8 the last-seen window.
    return this.sortedPage<FingerprintRow>(
      (tenant, after, dir) => `
        SELECT ${FINGERPRINT_COLUMNS}, ${key.column} AS sort_key, ${key.position} AS sort_position FROM fingerprint_stats f
        WHERE f.tenant_id = ${tenant} AND (NOT $2::boolean OR f.user_count > 1) AND ($6::text IS NULL OR f.fingerprint LIKE $6)
          AND ($7::timestamptz IS NULL OR f.last_seen >= $7) AND ($8::timestamptz IS NULL OR f.last_seen < $8)
          AND ${after('f.fingerprint')}
        ORDER BY ${key.column} ${dir}, f.fingerprint ${dir} LIMIT $3`,
      'fingerprint',
      key,
      query,
      [query.pattern, query.from ?? null, query.to ?? null],
    );
  }

  listDomainprints(query: PrintListQuery): Promise<Array<Listed<DomainprintRow>>> {
    const key = DOMAINPRINT_BY_LAST_SEEN;
    return this.sortedPage<DomainprintRow>(
      (tenant, after, dir) => `
        SELECT ${DOMAINPRINT_COLUMNS}, ${key.column} AS sort_key, ${key.position} AS sort_position FROM domainprint_stats d
        WHERE d.tenant_id = ${tenant} AND (NOT $2::boolean OR cardinality(d.domains) > 1) AND ${after('d.domainprint')}
        ORDER BY d.last_seen ${dir}, d.domainprint ${dir} LIMIT $3`,
      'domainprint',
      key,
      query,
      [],
    );
  }

  getFingerprint(fingerprint: string): Promise<FingerprintRow | undefined> {
    return this.scopedOne<FingerprintRow>(`SELECT ${FINGERPRINT_COLUMNS} FROM fingerprint_stats f WHERE f.tenant_id = $1 AND f.fingerprint = $2`, [
      fingerprint,
    ]);
  }

  getDomainprint(domainprint: string): Promise<DomainprintRow | undefined> {
    return this.scopedOne<DomainprintRow>(`SELECT ${DOMAINPRINT_COLUMNS} FROM domainprint_stats d WHERE d.tenant_id = $1 AND d.domainprint = $2`, [
      domainprint,
    ]);
  }

  fingerprintUsers(fingerprint: string, limit: number) {
    return this.scoped<{ user_id: string; event_count: string; first_seen: Date; last_seen: Date }>(
      `SELECT user_id, event_count, first_seen, last_seen FROM user_fingerprints
       WHERE tenant_id = $1 AND fingerprint = $2 ORDER BY last_seen DESC, user_id LIMIT $3`,
      [fingerprint, limit],
    );
  }

  domainprintUsers(domainprint: string, limit: number) {
    return this.scoped<{ user_id: string; event_count: string; first_seen: Date; last_seen: Date }>(
      `SELECT user_id, event_count, first_seen, last_seen FROM domainprint_users
       WHERE tenant_id = $1 AND domainprint = $2 ORDER BY last_seen DESC, user_id LIMIT $3`,
      [domainprint, limit],
    );
  }

  domainprintFingerprints(domainprint: string, limit: number) {
    return this.scoped<{ fingerprint: string; first_seen: Date }>(
      `SELECT fingerprint, first_seen FROM domainprint_fingerprints
       WHERE tenant_id = $1 AND domainprint = $2 ORDER BY first_seen DESC, fingerprint LIMIT $3`,
      [domainprint, limit],
    );
  }

  /**
   * $2 the filter flag, $3 limit, $4 and $5 the cursor's sort value and key, then `filters` from $6; across tenants,
   * the cursor's tenant last.
   */
  private sortedPage<T extends { tenant_id: string }>(
    build: (tenant: string, after: (id: string) => string, dir: string) => string,
    id: string,
    key: SortKey,
    query: PrintListQuery,
    filters: unknown[],
  ): Promise<Array<Listed<T>>> {
    const cross = this.crossTenant;
    const dir = direction(query.order);
    const cursorTenant = `$${6 + filters.length}::text`;
    return this.scopedRead<Listed<T>>(
      (tenant) =>
        build(
          tenant,
          (column) =>
            afterCursor(
              { key: key.column, id: column, tenant: cross ? tenant : undefined },
              { key: `$4::${key.type}`, id: '$5::text', tenant: cursorTenant },
              query.order,
            ),
          dir,
        ),
      `ORDER BY x.sort_key ${dir}, x.tenant_id ${dir}, x.${id} ${dir} LIMIT $3`,
      [query.only, query.limit, query.after?.key ?? null, query.after?.id ?? null, ...filters, ...(cross ? [query.after?.tenantId ?? null] : [])],
    );
  }
}
