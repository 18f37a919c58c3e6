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

export interface PrintListQuery {
  /** Only fingerprints with more than one user, or domainprints seen on more than one domain. */
  only: boolean;
  order: SortOrder;
  /** The previous page's last row: last seen (exact text), tenant, fingerprint or domainprint. */
  after?: { lastSeen: string; tenantId: string; key: string };
  limit: number;
}

/** A listed row with its last-seen time as the exact text a cursor carries. */
export type Listed<R> = R & { last_seen_position: string };

const FINGERPRINT_COLUMNS = 'f.tenant_id, f.fingerprint, f.user_count, f.event_count, f.domains, f.first_seen, f.last_seen';
const DOMAINPRINT_COLUMNS = 'd.tenant_id, d.domainprint, d.user_count, d.fingerprint_count, d.event_count, d.domains, d.first_seen, d.last_seen';

/** Fingerprints and domainprints from their rollups, by last seen (most recent first unless asc). */
@Injectable()
export class PrintsRepository extends TenantScopedRepository {
  listFingerprints(query: PrintListQuery): Promise<Array<Listed<FingerprintRow>>> {
    return this.byLastSeen<FingerprintRow>(
      (tenant, after, dir) => `
        SELECT ${FINGERPRINT_COLUMNS}, ${cursorTimestamp('f.last_seen')} AS last_seen_position FROM fingerprint_stats f
        WHERE f.tenant_id = ${tenant} AND (NOT $2::boolean OR f.user_count > 1) AND ${after('f.last_seen', 'f.fingerprint')}
        ORDER BY f.last_seen ${dir}, f.fingerprint ${dir} LIMIT $3`,
      'fingerprint',
      query,
    );
  }

  listDomainprints(query: PrintListQuery): Promise<Array<Listed<DomainprintRow>>> {
    return this.byLastSeen<DomainprintRow>(
      (tenant, after, dir) => `
        SELECT ${DOMAINPRINT_COLUMNS}, ${cursorTimestamp('d.last_seen')} AS last_seen_position FROM domainprint_stats d
        WHERE d.tenant_id = ${tenant} AND (NOT $2::boolean OR cardinality(d.domains) > 1) AND ${after('d.last_seen', 'd.domainprint')}
        ORDER BY d.last_seen ${dir}, d.domainprint ${dir} LIMIT $3`,
      'domainprint',
      query,
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

  /** $2 the filter flag, $3 limit, $4 and $5 the cursor's last seen and key; across tenants, $6 the cursor's tenant. */
  private byLastSeen<T extends { tenant_id: string }>(
    build: (tenant: string, after: (lastSeen: string, key: string) => string, dir: string) => string,
    key: string,
    query: PrintListQuery,
  ): Promise<Array<Listed<T>>> {
    const cross = this.crossTenant;
    const dir = direction(query.order);
    return this.scopedRead<Listed<T>>(
      (tenant) =>
        build(
          tenant,
          (lastSeen, id) =>
            afterCursor({ key: lastSeen, id, tenant: cross ? tenant : undefined }, { key: '$4::timestamptz', id: '$5::text', tenant: '$6::text' }, query.order),
          dir,
        ),
      `ORDER BY x.last_seen ${dir}, x.tenant_id ${dir}, x.${key} ${dir} LIMIT $3`,
      [query.only, query.limit, query.after?.lastSeen ?? null, query.after?.key ?? null, ...(cross ? [query.after?.tenantId ?? null] : [])],
    );
  }
}
