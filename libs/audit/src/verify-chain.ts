import { GENESIS_HASH } from './audit-chain.js';
import { AUDIT_COLUMNS, AuditRow, toAuditRecord } from './audit-row.js';
import { ChainHead, ChainVerdict, ChainVerifier, CheckpointClaims } from './chain-verifier.js';

export type Query = <T>(sql: string, params: unknown[]) => Promise<T[]>;
const PAGE = 5_000;

/** The key of a chain's row in `audit_chain_heads` ('' is the platform chain). */
export const chainKey = (tenantId: string | null): string => tenantId ?? '';

/** Rows of one chain; `= $1` for a tenant (so the (tenant_id, seq) index serves it), `IS NULL` for the platform. */
export const chainRows = (tenantId: string | null): string => (tenantId === null ? `tenant_id IS NULL AND $1::text IS NULL` : `tenant_id = $1`);

/**
 * The head, and in the same statement (one snapshot) the highest seq the rows hold. A chain without rows
 * needs no head record; one whose record is gone is read up to its last row.
 */
async function readHead(query: Query, tenantId: string | null): Promise<ChainHead> {
  const [head] = await query<{ seq: string | null; hash: string | null; legacy_seq: string | null; last_row_seq: string }>(
    `SELECT h.seq, h.hash, h.legacy_seq, (SELECT coalesce(max(seq), 0) FROM audit_log WHERE ${chainRows(tenantId)}) AS last_row_seq
       FROM (SELECT 1) AS one LEFT JOIN audit_chain_heads h ON h.chain_key = $2`,
    [tenantId, chainKey(tenantId)],
  );
  const lastRowSeq = Number(head.last_row_seq);
  if (head.seq === null) return { recorded: lastRowSeq === 0, seq: lastRowSeq, hash: GENESIS_HASH, legacySeq: 0, lastRowSeq };
  return { recorded: true, seq: Number(head.seq), hash: head.hash!, legacySeq: Number(head.legacy_seq), lastRowSeq };
}

/**
 * Verifies one chain up to the head read first, paging in seq order, so rows appended meanwhile neither
 * count nor break it. Shared by GET /v1/audit/verify (through the tenant's RLS-bound connection) and the
 * operator CLI (a direct connection), so both judge alike.
 */
export async function verifyChain(query: Query, key: string, tenantId: string | null, checkpoint?: CheckpointClaims): Promise<ChainVerdict> {
  const head = await readHead(query, tenantId);
  const verifier = new ChainVerifier(key, head, checkpoint);
  let after = 0;
  while (after < head.seq) {
    const rows = await query<AuditRow>(
      `SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE ${chainRows(tenantId)} AND seq > $2 AND seq <= $3 ORDER BY seq LIMIT ${PAGE}`,
      [tenantId, after, head.seq],
    );
    verifier.add(rows.map(toAuditRecord));
    if (rows.length < PAGE) break;
    after = Number(rows[rows.length - 1].seq);
  }
  return verifier.verdict();
}
