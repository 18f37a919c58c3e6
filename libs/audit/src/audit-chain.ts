import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditRecord {
  tenantId: string | null;
  seq: number;
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
  hash: string;
}

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

/** SHA-256 over the canonical serialisation of every field but `hash` itself (so `hashPrev` is covered). */
export function hashAuditRecord(record: Omit<AuditRecord, 'hash'>): string {
  const { tenantId, seq, at, actorType, actorId, operation, entityType, entityId, outcome, requestId, ip, details, hashPrev } = record;
  const payload = { tenantId, seq, at, actorType, actorId, operation, entityType, entityId, outcome, requestId, ip, details, hashPrev };
  return createHash('sha256').update(canonicalJson(payload)).digest('hex');
}

export type ChainVerdict = { valid: true; rows: number } | { valid: false; firstBadSeq: number };

/**
 * Checks one chain, fed in seq order page by page: contiguous seqs from 1, each `hashPrev` equal to the
 * previous `hash`, each `hash` recomputed; and the recorded head, so a deleted tail is caught too.
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private previousHash = GENESIS_HASH;
  private firstBadSeq?: number;

  add(rows: AuditRecord[]): void {
    for (const row of rows) {
      if (this.firstBadSeq !== undefined) return;
      if (row.seq !== this.expectedSeq || row.hashPrev !== this.previousHash || hashAuditRecord(row) !== row.hash) {
        this.firstBadSeq = Math.min(row.seq, this.expectedSeq);
        return;
      }
      this.expectedSeq += 1;
      this.previousHash = row.hash;
    }
  }

  verdict(head: { seq: number; hash: string } | undefined): ChainVerdict {
    if (this.firstBadSeq !== undefined) return { valid: false, firstBadSeq: this.firstBadSeq };
    const rows = this.expectedSeq - 1;
    if (head) {
      // Rows missing after the last good one, rows appended behind the head's back, or a replaced last row.
      if (head.seq > rows) return { valid: false, firstBadSeq: rows + 1 };
      if (head.seq < rows) return { valid: false, firstBadSeq: head.seq + 1 };
      if (rows > 0 && head.hash !== this.previousHash) return { valid: false, firstBadSeq: rows };
    }
    return { valid: true, rows };
  }
}
