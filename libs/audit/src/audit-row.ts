import type { AuditRecord, HashVersion } from './audit-chain.js';

/**
 * `at` as text to the microsecond, exactly as stored (a JavaScript Date would drop the last three digits,
 * and the hash covers them).
 */
export const AUDIT_AT_TEXT = `to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** The current time in the same form, for a row about to be written. */
export const AUDIT_NOW_TEXT = `to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** `audit_log` columns in the order every reader selects them. */
export const AUDIT_COLUMNS = `tenant_id, seq, ${AUDIT_AT_TEXT} AS at, actor_type, actor_id, operation, entity_type, entity_id, outcome, request_id, ip, details, hash_prev, hash_version, hash`;

export interface AuditRow {
  tenant_id: string | null;
  seq: string;
  at: string;
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
  hash_version: number;
  hash: string;
}

export function toAuditRecord(row: AuditRow): AuditRecord {
  return {
    tenantId: row.tenant_id,
    seq: Number(row.seq),
    at: row.at,
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
    hashVersion: row.hash_version as HashVersion,
    hash: row.hash,
  };
}
