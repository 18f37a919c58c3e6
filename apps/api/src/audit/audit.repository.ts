import { Injectable } from '@nestjs/common';
import { AUDIT_COLUMNS, AuditRecord, AuditRow, ChainVerdict, toAuditRecord, verifyChain } from '#libs/audit/src/index.js';
import { beyond, direction, type SortOrder, TenantScopedRepository } from '#libs/database/src/index.js';

export interface AuditFilter {
  actorId?: string;
  entityType?: string;
  operation?: string;
  outcome?: string;
  from: Date;
  to: Date;
  order: SortOrder;
  /** The last seq of the previous page (decimal text: seq is a bigint). */
  afterSeq?: string;
  limit: number;
}

@Injectable()
export class AuditRepository extends TenantScopedRepository {
  /** By seq (the chain's own order), newest first unless `order` is asc, keyset-paginated. */
  async list(filter: AuditFilter): Promise<AuditRecord[]> {
    const rows = await this.scoped<AuditRow>(
      `SELECT ${AUDIT_COLUMNS} FROM audit_log
       WHERE tenant_id = $1
         AND ($2::text IS NULL OR actor_id = $2) AND ($3::text IS NULL OR entity_type = $3)
         AND ($4::text IS NULL OR operation = $4) AND ($5::text IS NULL OR outcome = $5)
         AND at >= $6 AND at < $7 AND ($8::bigint IS NULL OR seq ${beyond(filter.order)} $8)
       ORDER BY seq ${direction(filter.order)} LIMIT $9`,
      [
        filter.actorId ?? null,
        filter.entityType ?? null,
        filter.operation ?? null,
        filter.outcome ?? null,
        filter.from,
        filter.to,
        filter.afterSeq ?? null,
        filter.limit,
      ],
    );
    return rows.map(toAuditRecord);
  }

  verify(): Promise<ChainVerdict> {
    const tenantId = this.tenantId;
    return verifyChain(<T>(sql: string, params: unknown[]) => this.db.query(sql, params) as Promise<T[]>, tenantId);
  }
}
