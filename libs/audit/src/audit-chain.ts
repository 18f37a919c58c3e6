import { createHash, createHmac } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/**
 * 1: plain SHA-256 with `at` at millisecond precision (rows written before the chain was keyed).
 * 2: HMAC-SHA256 keyed with AUDIT_HMAC_KEY, `at` at microsecond precision as stored. Every new row.
 */
export type HashVersion = 1 | 2;
export const CURRENT_HASH_VERSION: HashVersion = 2;

export interface AuditRecord {
  tenantId: string | null;
  seq: number;
  /** ISO-8601 UTC with exactly six fractional digits: the stored value, to the microsecond. */
  at: string;
  actorType: string;
  actorId: string;
  operation: string;
  entityType: string;
  entityId: string | null;
  outcome: 'ok' | 'denied' | 'error';
  requestId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
  hashPrev: string;
  hashVersion: HashVersion;
  hash: string;
}

export type UnsignedAuditRecord = Omit<AuditRecord, 'hash'>;

/** JSON with object keys sorted at every depth, so the same row always serialises to the same bytes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Every stored field but `hash` itself (so `hashPrev` is covered), with `at` as given. */
function hashedFields(record: UnsignedAuditRecord, at: string) {
  const { tenantId, seq, actorType, actorId, operation, entityType, entityId, outcome, requestId, ip, details, hashPrev } = record;
  return { tenantId, seq, at, actorType, actorId, operation, entityType, entityId, outcome, requestId, ip, details, hashPrev };
}

/** Version 2: without the key, nobody can compute it, so rows cannot be rewritten and re-hashed from the database alone. */
export function keyedAuditHash(key: string, record: UnsignedAuditRecord): string {
  return createHmac('sha256', key)
    .update(canonicalJson({ hashVersion: 2, ...hashedFields(record, record.at) }))
    .digest('hex');
}

const LEGACY_AT = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3})000Z$/;

/**
 * Version 1, as those rows were written: their `at` came from a JavaScript Date, so its microseconds are
 * zero; a legacy row whose stored time says otherwise was altered (undefined: matches no hash).
 */
export function legacyAuditHash(record: UnsignedAuditRecord): string | undefined {
  const millisecondAt = LEGACY_AT.exec(record.at)?.[1];
  if (millisecondAt === undefined) return undefined;
  return createHash('sha256')
    .update(canonicalJson(hashedFields(record, `${millisecondAt}Z`)))
    .digest('hex');
}
