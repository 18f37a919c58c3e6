import type { AuditRecord } from './audit-chain.js';

/** `audit_log` columns in the order every reader selects them. */
export const AUDIT_COLUMNS = `tenant_id, seq, at, actor_type, actor_id, operation, entity_type, entity_id, outcome, request_id, ip, details, hash_prev, hash`;

export interface AuditRow {
  tenant_id: string | null;
  seq: string;
  at: Date;
  actor_type: string;
  actor_id: string;
  operation: string;
  entity_type: string;
  entity_id: string | null;
  outcome: AuditRecord['outcome'];
  request_id: string | null;
  ip: string | null;
  details: Record<string, unknown>;
  hash_prev: string;
  hash: string;
}

export function toAuditRecord(row: AuditRow): AuditRecord {
  return {
    tenantId: row.tenant_id,
    seq: Number(row.seq),
    at: row.at.toISOString(),
    actorType: row.actor_type,
    actorId: row.actor_id,
    operation: row.operation,
    entityType: row.entity_type,
    entityId: row.entity_id,
    outcome: row.outcome,
    requestId: row.request_id,
    ip: row.ip,
    details: row.details,
    hashPrev: row.hash_prev,
    hash: row.hash,
  };
}
