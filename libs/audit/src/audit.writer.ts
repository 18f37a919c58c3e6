import { Injectable } from '@nestjs/common';
import { ClsService } from '#libs/common/src/cls.service.js';
import { auditActor } from '#libs/auth/src/principal.js';
import { RequestContext, TenantDatabase } from '#libs/database/src/index.js';
import { AuditRecord, GENESIS_HASH, hashAuditRecord } from './audit-chain.js';

export interface AuditEntry {
  operation: string;
  entityType: string;
  entityId?: string | null;
  outcome?: AuditRecord['outcome'];
  details?: Record<string, unknown>;
}

const PLATFORM_CHAIN = '';

/**
 * Appends rows to a hash chain. `record` writes on the request's tenant chain inside the caller's
 * transaction, so the row and the change commit together. Locking the chain head row serialises
 * concurrent writers of one chain: seqs stay contiguous and the chain never forks.
 */
@Injectable()
export class AuditWriter {
  constructor(
    private readonly db: TenantDatabase,
    private readonly cls: ClsService<RequestContext>,
  ) {}

  /** On the bound tenant's chain (or the platform chain in cross-tenant mode), in the current transaction. */
  record(entry: AuditEntry): Promise<AuditRecord> {
    const tenantId = this.db.crossTenant ? null : (this.db.tenantId ?? null);
    return this.db.transaction(() => this.append(tenantId, entry));
  }

  /** On its own connection and transaction: denials and cross-tenant reads, which have no change to join. */
  recordDetached(tenantId: string | null, entry: AuditEntry): Promise<AuditRecord> {
    const write = () => this.db.transaction(() => this.append(tenantId, entry));
    return tenantId === null ? this.db.runCrossTenant(write) : this.db.runAsTenant(tenantId, write);
  }

  private async append(tenantId: string | null, entry: AuditEntry): Promise<AuditRecord> {
    const chainKey = tenantId ?? PLATFORM_CHAIN;
    const [head] = await this.db.query<{ seq: string; hash: string }>(
      `INSERT INTO audit_chain_heads (chain_key, tenant_id, seq, hash) VALUES ($1, $2, 0, $3)
       ON CONFLICT (chain_key) DO UPDATE SET chain_key = EXCLUDED.chain_key
       RETURNING seq, hash`,
      [chainKey, tenantId, GENESIS_HASH],
    );
    const store = this.cls.isActive() ? this.cls.get() : undefined;
    const { actorType, actorId } = auditActor(store?.principal);
    const unsigned: Omit<AuditRecord, 'hash'> = {
      tenantId,
      seq: Number(head.seq) + 1,
      at: new Date().toISOString(),
      actorType,
      actorId,
      operation: entry.operation,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      outcome: entry.outcome ?? 'ok',
      requestId: store?.requestId ?? null,
      ip: store?.ip || null,
      details: entry.details ?? {},
      hashPrev: head.hash,
    };
    const record: AuditRecord = { ...unsigned, hash: hashAuditRecord(unsigned) };
    await this.db.query(
      `WITH appended AS (
         INSERT INTO audit_log (tenant_id, seq, at, actor_type, actor_id, operation, entity_type, entity_id, outcome, request_id, ip, details, hash_prev, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         RETURNING seq, hash)
       UPDATE audit_chain_heads SET seq = appended.seq, hash = appended.hash FROM appended WHERE chain_key = $15`,
      [
        record.tenantId,
        record.seq,
        record.at,
        record.actorType,
        record.actorId,
        record.operation,
        record.entityType,
        record.entityId,
        record.outcome,
        record.requestId,
        record.ip,
        JSON.stringify(record.details),
        record.hashPrev,
        record.hash,
        chainKey,
      ],
    );
    return record;
  }
}
