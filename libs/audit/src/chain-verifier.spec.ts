import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { AuditRecord, canonicalJson, GENESIS_HASH, keyedAuditHash, legacyAuditHash } from './audit-chain.js';
import { ChainHead, ChainVerifier, CheckpointClaims } from './chain-verifier.js';

const KEY = 'unit-test-audit-key-0123456789abcdef';

function row(seq: number, hashPrev: string, hashVersion: 1 | 2): AuditRecord {
  const unsigned = {
    tenantId: 't1',
    seq,
    at: `2026-01-01T00:00:0${seq}.123${hashVersion === 1 ? '000' : '456'}Z`,
    actorType: 'member',
    actorId: 'u1',
    operation: 'member.upsert',
    entityType: 'member',
    entityId: `e${seq}`,
    outcome: 'ok' as const,
    requestId: null,
    ip: null,
    details: { n: seq },
    hashPrev,
    hashVersion,
  };
  return { ...unsigned, hash: hashVersion === 2 ? keyedAuditHash(KEY, unsigned) : legacyAuditHash(unsigned)! };
}

/** `legacy` rows of version 1, then keyed rows up to `length`. */
function chain(length: number, legacy = 0): AuditRecord[] {
  const rows: AuditRecord[] = [];
  for (let seq = 1; seq <= length; seq += 1) rows.push(row(seq, rows.at(-1)?.hash ?? GENESIS_HASH, seq <= legacy ? 1 : 2));
  return rows;
}

const headOf = (rows: AuditRecord[], legacySeq = 0): ChainHead => ({
  recorded: true,
  seq: rows.length,
  hash: rows.at(-1)?.hash ?? GENESIS_HASH,
  legacySeq,
  lastRowSeq: rows.length,
});

function judge(rows: AuditRecord[], head: ChainHead, checkpoint?: CheckpointClaims) {
  const verifier = new ChainVerifier(KEY, head, checkpoint);
  verifier.add(rows.slice(0, 2));
  verifier.add(rows.slice(2));
  return verifier.verdict();
}

const checkpointAt = (rows: AuditRecord[], seq: number): CheckpointClaims => ({ tenantId: 't1', seq, hash: rows[seq - 1].hash, at: rows[seq - 1].at });

describe('ChainVerifier', () => {
  it('accepts an intact chain, keyed or legacy below its boundary', () => {
    expect(judge(chain(5), headOf(chain(5)))).toEqual({ valid: true, rows: 5 });
    expect(judge(chain(5, 3), headOf(chain(5, 3), 3))).toEqual({ valid: true, rows: 5 });
  });

  it('names the first row whose content, link or seq is off', () => {
    const altered = chain(5);
    altered[2] = { ...altered[2], details: { n: 99 } };
    expect(judge(altered, headOf(chain(5)))).toMatchObject({ valid: false, firstBadSeq: 3 });
    const gap = chain(5).filter((candidate) => candidate.seq !== 2);
    expect(judge(gap, headOf(chain(5)))).toMatchObject({ valid: false, firstBadSeq: 2 });
  });

  it('refuses rows hashed with another key', () => {
    const rows = chain(2);
    const forged = { ...rows[1], hash: keyedAuditHash('another-key-0123456789abcdef012345', rows[1]) };
    expect(judge([rows[0], forged], headOf([rows[0], forged]))).toMatchObject({ valid: false, firstBadSeq: 2 });
  });

  it('accepts legacy rows only at or below the boundary, and only with zero microseconds', () => {
    const rows = chain(3, 3);
    expect(judge(rows, headOf(rows, 2))).toMatchObject({ valid: false, firstBadSeq: 3 });
    const microseconds = { ...rows[0], at: rows[0].at.replace('000Z', '001Z') };
    expect(judge([microseconds, ...rows.slice(1)], headOf(rows, 3))).toMatchObject({ valid: false, firstBadSeq: 1 });
  });

  it('keeps the legacy hash as it was: SHA-256 over the millisecond time', () => {
    const [first] = chain(1, 1);
    const { hash: _hash, hashVersion: _version, ...fields } = first;
    const expected = createHash('sha256')
      .update(canonicalJson({ ...fields, at: '2026-01-01T00:00:01.123Z' }))
      .digest('hex');
    expect(first.hash).toBe(expected);
  });

  it('compares the rows with their head', () => {
    const rows = chain(5);
    expect(judge(rows.slice(0, 4), headOf(rows))).toEqual({ valid: false, firstBadSeq: 5, reason: 'rows missing below the head' });
    expect(judge(rows, { ...headOf(rows), hash: rows[3].hash })).toEqual({ valid: false, firstBadSeq: 5, reason: 'head does not match the last row' });
    expect(judge(rows.slice(0, 4), { ...headOf(rows.slice(0, 4)), lastRowSeq: 5 })).toEqual({
      valid: false,
      firstBadSeq: 5,
      reason: 'rows appended behind the head',
    });
    expect(judge(rows, { ...headOf(rows), recorded: false })).toEqual({ valid: false, firstBadSeq: 6, reason: 'chain head missing' });
    expect(judge([], headOf([]))).toEqual({ valid: true, rows: 0 });
  });

  it('holds the chain to a checkpoint', () => {
    const rows = chain(6);
    expect(judge(rows, headOf(rows), checkpointAt(rows, 4))).toEqual({ valid: true, rows: 6 });
    const shorter = rows.slice(0, 3);
    expect(judge(shorter, headOf(shorter), checkpointAt(rows, 4))).toEqual({ valid: false, firstBadSeq: 4, reason: 'chain shorter than checkpoint' });
    expect(judge(rows, headOf(rows), { ...checkpointAt(rows, 4), hash: rows[2].hash })).toEqual({
      valid: false,
      firstBadSeq: 4,
      reason: 'row differs from the checkpoint',
    });
    expect(judge([], headOf([]), checkpointAt(rows, 1))).toEqual({ valid: false, firstBadSeq: 1, reason: 'chain shorter than checkpoint' });
  });
});
