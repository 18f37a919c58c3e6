import { Inject, Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { auditActor } from '#libs/auth/src/principal.js';
import { APP_CONFIG, type AppConfig } from '#libs/config/src/index.js';
import { RequestContext, TenantDatabase } from '#libs/database/src/index.js';
import { AuditRecord, CURRENT_HASH_VERSION, GENESIS_HASH, keyedAuditHash, UnsignedAuditRecord } from './audit-chain.js';
import { AUDIT_NOW_TEXT } from './audit-row.js';
import { chainKey } from './verify-chain.js';

export interface AuditEntry {
  operation: string;
  entityType: string;
  entityId?: string | null;
  outcome?: AuditRecord['outcome'];
  details?: Record<string, unknown>;
}

/**
 * Appends rows to a keyed hash chain. `record` writes on the request's tenant chain (or the platform chain
 * in cross-tenant mode) inside the caller's transaction, so the row and the change commit together.
 * Locking the chain head row serialises concurrent writers of one chain: seqs stay contiguous and the
 * chain never forks.
 */
@Injectable()
export class AuditWriter {
  private readonly key: string;

  constructor(
    private readonly db: TenantDatabase,
    private readonly cls: ClsService<RequestContext>,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.key = config.auditHmacKey;
  }

  async record(entry: AuditEntry): Promise<AuditRecord> {
    return this.db.transaction(() => this.append(entry));
  }

  /** On its own connection and transaction: denials and cross-tenant reads, which have no change to join. */
  recordDetached(tenantId: string | null, entry: AuditEntry): Promise<AuditRecord> {
    const write = () => this.record(entry);
    return tenantId === null ? this.db.runCrossTenant(write) : this.db.runAsTenant(tenantId, write);
  }

  private async append(entry: AuditEntry): Promise<AuditRecord> {
    const tenantId = this.db.crossTenant ? null : (this.db.tenantId ?? null);
    const [head] = await this.db.query<{ seq: string; hash: string; at: string }>(
      `INSERT INTO audit_chain_heads (chain_key, tenant_id, seq, hash) VALUES ($1, $2, 0, $3)
       ON CONFLICT (chain_key) DO UPDATE SET seq = audit_chain_heads.seq
       RETURNING seq, hash, ${AUDIT_NOW_TEXT} AS at`,
      [chainKey(tenantId), tenantId, GENESIS_HASH],
    );
    const store = this.cls.isActive() ? this.cls.get() : undefined;
    const actor = auditActor(store?.principal);
    const unsigned: UnsignedAuditRecord = {
      tenantId,
      seq: Number(head.seq) + 1,
      at: head.at,
      actorType: actor.actorType,
      actorId: actor.actorId,
      operation: entry.operation,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      outcome: entry.outcome ?? 'ok',
      requestId: store?.requestId ?? null,
      ip: store?.ip || null,
      details: entry.details ?? {},
      hashPrev: head.hash,
      hashVersion: CURRENT_HASH_VERSION,
    };
    const record: AuditRecord = { ...unsigned, hash: keyedAuditHash(this.key, unsigned) };
    await this.db.query(
      `WITH appended AS (
         INSERT INTO audit_log (tenant_id, seq, at, actor_type, actor_id, operation, entity_type, entity_id, outcome, request_id, ip, details, hash_prev, hash_version, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
         RETURNING seq, hash)
       UPDATE audit_chain_heads SET seq = appended.seq, hash = appended.hash FROM appended WHERE chain_key = $16`,
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
        record.hashVersion,
        record.hash,
        chainKey(tenantId),
      ],
    );
    return record;
  }
}
