import { AUDIT_COLUMNS, AuditRow, toAuditRecord } from './audit-row.js';
import { ChainVerdict, ChainVerifier } from './audit-chain.js';

type Query = <T>(sql: string, params: unknown[]) => Promise<T[]>;
const PAGE = 5_000;

/**
 * Verifies one chain by paging through it in seq order. Shared by GET /v1/audit/verify (through the
 * tenant's RLS-bound connection) and the operator CLI (a direct connection), so both judge alike.
 */
export async function verifyChain(query: Query, tenantId: string | null): Promise<ChainVerdict> {
  const verifier = new ChainVerifier();
  let after = 0;
  for (;;) {
    const rows = await query<AuditRow>(
      `SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE tenant_id IS NOT DISTINCT FROM $1 AND seq > $2 ORDER BY seq LIMIT ${PAGE}`,
      [tenantId, after],
    );
    verifier.add(rows.map(toAuditRecord));
    if (rows.length < PAGE) break;
    after = Number(rows[rows.length - 1].seq);
  }
  const [head] = await query<{ seq: string; hash: string }>(`SELECT seq, hash FROM audit_chain_heads WHERE chain_key = $1`, [tenantId ?? '']);
  return verifier.verdict(head ? { seq: Number(head.seq), hash: head.hash } : undefined);
}
