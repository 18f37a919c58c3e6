import { Injectable } from '@nestjs/common';
import type { KeyObject } from 'node:crypto';
import {
  AUDIT_AT_TEXT,
  AUDIT_COLUMNS,
  AuditRecord,
  AuditRow,
  ChainVerdict,
  checkpointKeyFromDatabase,
  CheckpointClaims,
  GENESIS_HASH,
  type Query,
  toAuditRecord,
  verifyChain,
} from '#libs/audit/src/index.js';
import { beyond, direction, type ExportFilter, type SortOrder, TenantScopedRepository } from '#libs/database/src/index.js';

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
  /** The request's connection, for the chain readers shared with the operator CLI. */
  private readonly query: Query = <T>(sql: string, params: unknown[]) => this.db.query(sql, params) as Promise<T[]>;

  /** By seq (the chain's own order), newest first unless `order` is asc, keyset-paginated. */
  async list(filter: AuditFilter): Promise<AuditRecord[]> {
    const { sql, params } = listQuery(filter);
    const rows = await this.scoped<AuditRow>(sql, params);
    return rows.map(toAuditRecord);
  }

  /** Every row the list's filters select, in the list's order, in batches from one snapshot. */
  exportRows(filter: ExportFilter<AuditFilter>): AsyncGenerator<AuditRow[], void, undefined> {
    const { sql, params } = listQuery({ ...filter, limit: null });
    return this.scopedExport<AuditRow>(sql, params);
  }

  verify(key: string, checkpoint?: CheckpointClaims): Promise<ChainVerdict> {
    return verifyChain(this.query, key, this.tenantId, checkpoint);
  }

  /** The chain's last row (seq 0 and the genesis hash while it has none). */
  async head(): Promise<CheckpointClaims> {
    const row = await this.scopedOne<{ seq: string; hash: string; at: string }>(
      `SELECT seq, hash, ${AUDIT_AT_TEXT} AS at FROM audit_log WHERE tenant_id = $1 ORDER BY seq DESC LIMIT 1`,
    );
    return { tenantId: this.tenantId, seq: Number(row?.seq ?? 0), hash: row?.hash ?? GENESIS_HASH, at: row?.at ?? null };
  }

  checkpointKey(kid: string): Promise<KeyObject | undefined> {
    return checkpointKeyFromDatabase(this.query, kid);
  }
}

/** `LIMIT NULL` (the export) is no limit. */
function listQuery(filter: Omit<AuditFilter, 'limit'> & { limit: number | null }) {
  return {
    sql: `SELECT ${AUDIT_COLUMNS} FROM audit_log
       WHERE tenant_id = $1
         AND ($2::text IS NULL OR actor_id = $2) AND ($3::text IS NULL OR entity_type = $3)
         AND ($4::text IS NULL OR operation = $4) AND ($5::text IS NULL OR outcome = $5)
         AND at >= $6 AND at < $7 AND ($8::bigint IS NULL OR seq ${beyond(filter.order)} $8)
       ORDER BY seq ${direction(filter.order)} LIMIT $9::int`,
    params: [
      filter.actorId ?? null,
      filter.entityType ?? null,
      filter.operation ?? null,
      filter.outcome ?? null,
      filter.from,
      filter.to,
      filter.afterSeq ?? null,
      filter.limit,
    ],
  };
}
