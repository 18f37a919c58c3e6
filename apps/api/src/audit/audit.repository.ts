import { Injectable } from '@nestjs/common';
import { AUDIT_COLUMNS, AuditRecord, AuditRow, ChainVerdict, toAuditRecord, verifyChain } from '#libs/audit/src/index.js';
import { TenantScopedRepository } from '#libs/database/src/index.js';

export interface AuditFilter {
  actorId?: string;
  entityType?: string;
  operation?: string;
  outcome?: string;
  from: Date;
  to: Date;
  beforeSeq?: number;
  limit: number;
}

@Injectable()
export class AuditRepository extends TenantScopedRepository {
  /** Newest first by seq (the chain's own order), keyset-paginated. */
  async list(filter: AuditFilter): Promise<AuditRecord[]> {
    const rows = await this.scoped<AuditRow>(
      `SELECT ${AUDIT_COLUMNS} FROM audit_log
       WHERE tenant_id = $1
         AND ($2::text IS NULL OR actor_id = $2) AND ($3::text IS NULL OR entity_type = $3)
         AND ($4::text IS NULL OR operation = $4) AND ($5::text IS NULL OR outcome = $5)
         AND at >= $6 AND at < $7 AND ($8::bigint IS NULL OR seq < $8)
       ORDER BY seq DESC LIMIT $9`,
      [
        filter.actorId ?? null,
        filter.entityType ?? null,
        filter.operation ?? null,
        filter.outcome ?? null,
        filter.from,
        filter.to,
        filter.beforeSeq ?? null,
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
