import { AuditRecord, GENESIS_HASH, keyedAuditHash, legacyAuditHash } from './audit-chain.js';

/** A chain's recorded head, read in one snapshot with the highest seq its rows hold. */
export interface ChainHead {
  /** False when rows exist but their head record does not: verified up to the last row, then judged broken. */
  recorded: boolean;
  seq: number;
  hash: string;
  /** Rows at or below this seq may be legacy (version 1); fixed by the migration that keyed the chain. */
  legacySeq: number;
  /** The highest seq among the chain's rows, whatever the head says. */
  lastRowSeq: number;
}

/** The signed claims of a checkpoint: the chain's head as it stood when the checkpoint was taken. */
export interface CheckpointClaims {
  tenantId: string | null;
  seq: number;
  hash: string;
  at: string | null;
}

export type ChainVerdict = { valid: true; rows: number } | { valid: false; firstBadSeq: number; reason: string };

export const CHAIN_SHORTER_THAN_CHECKPOINT = 'chain shorter than checkpoint';

/**
 * Checks one chain, fed in seq order page by page, up to its recorded head: contiguous seqs from 1, each
 * `hashPrev` equal to the previous `hash`, each `hash` recomputed (legacy rows only up to the legacy
 * boundary); then the head itself, so a deleted tail is caught; then, when given, the checkpoint, so a
 * tail cut together with the head, or a wiped chain, is caught too.
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private previousHash = GENESIS_HASH;
  private failure?: { firstBadSeq: number; reason: string };

  constructor(
    private readonly key: string,
    private readonly head: ChainHead,
    private readonly checkpoint?: CheckpointClaims,
  ) {}

  add(rows: AuditRecord[]): void {
    for (const row of rows) {
      if (this.failure) return;
      if (row.seq !== this.expectedSeq || row.hashPrev !== this.previousHash || !this.hashHolds(row)) {
        this.fail(Math.min(row.seq, this.expectedSeq), 'row altered, removed or out of order');
        return;
      }
      if (this.checkpoint?.seq === row.seq && this.checkpoint.hash !== row.hash) {
        this.fail(row.seq, 'row differs from the checkpoint');
        return;
      }
      this.expectedSeq += 1;
      this.previousHash = row.hash;
    }
  }

  verdict(): ChainVerdict {
    const rows = this.expectedSeq - 1;
    if (!this.failure) {
      if (this.head.seq > rows) this.fail(rows + 1, 'rows missing below the head');
      else if (this.head.recorded && rows > 0 && this.head.hash !== this.previousHash) this.fail(rows, 'head does not match the last row');
      else if (this.head.lastRowSeq > this.head.seq) this.fail(this.head.seq + 1, 'rows appended behind the head');
      else if (this.checkpoint && this.checkpoint.seq > rows) this.fail(rows + 1, CHAIN_SHORTER_THAN_CHECKPOINT);
      else if (!this.head.recorded) this.fail(rows + 1, 'chain head missing');
    }
    return this.failure ? { valid: false, ...this.failure } : { valid: true, rows };
  }

  private hashHolds(row: AuditRecord): boolean {
    if (row.hashVersion === 2) return keyedAuditHash(this.key, row) === row.hash;
    // A legacy row above the boundary is a keyed row someone re-hashed without the key.
    return row.hashVersion === 1 && row.seq <= this.head.legacySeq && legacyAuditHash(row) === row.hash;
  }

  private fail(firstBadSeq: number, reason: string): void {
    this.failure = { firstBadSeq, reason };
  }
}
