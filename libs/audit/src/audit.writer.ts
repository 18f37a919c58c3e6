import { Inject, Injectable, InternalServerErrorException } from '@nestjs/common';
import { ClsService } from '#libs/common/src/cls.service.js';
import { auditActor } from '#libs/auth/src/principal.js';
import { APP_CONFIG, type AppConfig } from '#libs/config/src/index.js';
import { RequestContext, TenantDatabase } from '#libs/database/src/index.js';
import { AuditRecord, CURRENT_HASH_VERSION, GENESIS_HASH, keyedAuditHash, UnsignedAuditRecord } from './audit-chain.js';
import { AUDIT_NOW_TEXT } from './audit-row.js';
import { boundedText, MAX_AUDIT_ID_LENGTH } from './bounded-text.js';
import { chainKey } from './verify-chain.js';

export interface AuditEntry {
  operation: string;
  entityType: string;
  entityId?: string | null;
  outcome?: AuditRecord['outcome'];
  details?: Record<string, unknown>;
  /** Work the service does on its own (jobs, webhook deliveries) names itself; otherwise the request's principal acts. */
  system?: string;
  /** The changed resource as the API answers it, handed to the listeners (a webhook event's data); not stored. */
  resource?: object;
}

/**
 * Appends rows to a keyed hash chain, always on the request's own connection: on the bound tenant's chain,
 * or the platform chain in cross-tenant mode, inside the caller's transaction when there is one, so the
 * row and the change commit together. Locking the chain head row serialises concurrent writers of one
 * chain: seqs stay contiguous and the chain never forks.
 */
/** Runs in the transaction that appends a tenant's audit row, on its connection (the webhook outbox). */
export type AuditAppendListener = (record: AuditRecord, resource: object | undefined) => Promise<void>;

@Injectable()
export class AuditWriter {
  private readonly key: string;
  private readonly listeners: AuditAppendListener[] = [];

  constructor(
    private readonly db: TenantDatabase,
    private readonly cls: ClsService<RequestContext>,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.key = config.auditHmacKey;
  }

  /** `listener` sees every tenant-chain row, in its transaction: what it writes commits or rolls back with the row. */
  onAppend(listener: AuditAppendListener): void {
    this.listeners.push(listener);
  }

  async record(entry: AuditEntry): Promise<AuditRecord> {
    return (await this.db.transaction(() => this.append(entry)))!;
  }

  /**
   * A denial on the platform chain (cross-tenant mode), unless the caller already has `perMinute` denied
   * rows there in the last minute: then nothing is written and undefined is returned. Counted under the
   * head's lock, so the limit holds exactly across instances.
   */
  recordPlatformDenial(entry: Omit<AuditEntry, 'outcome'>, perMinute: number): Promise<AuditRecord | undefined> {
    if (!this.db.crossTenant) throw new InternalServerErrorException('Platform denials go on the platform chain');
    return this.db.transaction(() => this.append({ ...entry, outcome: 'denied' }, perMinute));
  }

  private async append(entry: AuditEntry, perMinute?: number): Promise<AuditRecord | undefined> {
    const tenantId = this.db.crossTenant ? null : (this.db.tenantId ?? null);
    const [head] = await this.db.query<{ seq: string; hash: string; at: string }>(
      `INSERT INTO audit_chain_heads (chain_key, tenant_id, seq, hash) VALUES ($1, $2, 0, $3)
       ON CONFLICT (chain_key) DO UPDATE SET seq = audit_chain_heads.seq
       RETURNING seq, hash, ${AUDIT_NOW_TEXT} AS at`,
      [chainKey(tenantId), tenantId, GENESIS_HASH],
    );
    const store = this.cls.isActive() ? this.cls.get() : undefined;
    const actor = entry.system !== undefined ? { actorType: 'system', actorId: entry.system } : auditActor(store?.principal);
    const actorId = boundedText(actor.actorId, MAX_AUDIT_ID_LENGTH);
    if (perMinute !== undefined && (await this.recentPlatformDenials(actorId)) >= perMinute) return undefined;
    const unsigned: UnsignedAuditRecord = {
      tenantId,
      seq: Number(head.seq) + 1,
      at: head.at,
      actorType: actor.actorType,
      actorId,
      operation: entry.operation,
      entityType: entry.entityType,
      entityId: entry.entityId == null ? null : boundedText(entry.entityId, MAX_AUDIT_ID_LENGTH),
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
    if (tenantId !== null) for (const listener of this.listeners) await listener(record, entry.resource);
    return record;
  }

  private async recentPlatformDenials(actorId: string): Promise<number> {
    const [{ count }] = await this.db.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM audit_log
        WHERE tenant_id IS NULL AND outcome = 'denied' AND actor_id = $1 AND at > clock_timestamp() - interval '1 minute'`,
      [actorId],
    );
    return count;
  }
}
