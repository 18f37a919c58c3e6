import { describe, expect, it } from '@jest/globals';
import { CompactSign } from 'jose';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { GENESIS_HASH } from './audit-chain.js';
import { CHECKPOINT_TYPE, InvalidCheckpointError, readCheckpoint, signCheckpoint } from './checkpoint.js';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const signer = { kid: 'k1', privateKey };
const keyFor = (kid: string): Promise<KeyObject | undefined> => Promise.resolve(kid === 'k1' ? publicKey : undefined);
const head = { tenantId: 't1', seq: 7, hash: 'a'.repeat(64), at: '2026-01-01T00:00:00.123456Z' };
const signRaw = (payload: unknown, header: Record<string, unknown> = { alg: 'ES256', kid: 'k1', typ: CHECKPOINT_TYPE }) =>
  new CompactSign(Buffer.from(JSON.stringify(payload))).setProtectedHeader(header as { alg: string }).sign(privateKey);
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (error: unknown) => (error instanceof InvalidCheckpointError ? error.message : `unexpected ${String(error)}`),
  );

describe('checkpoints', () => {
  it('round-trips the head of a chain, and of an empty one', async () => {
    expect(await readCheckpoint(await signCheckpoint(head, signer), 't1', keyFor)).toEqual(head);
    const empty = { tenantId: null, seq: 0, hash: GENESIS_HASH, at: null };
    expect(await readCheckpoint(await signCheckpoint(empty, signer), null, keyFor)).toEqual(empty);
  });

  it("refuses another chain's checkpoint", async () => {
    expect(await refusal(readCheckpoint(await signCheckpoint(head, signer), 't2', keyFor))).toBe('checkpoint of another chain');
    expect(await refusal(readCheckpoint(await signCheckpoint(head, signer), null, keyFor))).toBe('checkpoint of another chain');
  });

  it('refuses other types, unknown keys and claims of the wrong shape', async () => {
    expect(await refusal(readCheckpoint(await signRaw(head, { alg: 'ES256', kid: 'k1', typ: 'JWT' }), 't1', keyFor))).toBe('not an audit checkpoint (typ JWT)');
    expect(await refusal(readCheckpoint(await signRaw(head, { alg: 'ES256', kid: 'k9', typ: CHECKPOINT_TYPE }), 't1', keyFor))).toBe(
      'signed by a key this service never had',
    );
    for (const claims of [
      { ...head, seq: -1 },
      { ...head, seq: 1.5 },
      { ...head, hash: 'XYZ' },
      { ...head, at: null },
      { ...head, tenantId: 5 },
      [head],
      null,
    ]) {
      expect(await refusal(readCheckpoint(await signRaw(claims), 't1', keyFor))).toBe('claims are not {tenantId, seq, hash, at}');
    }
    expect(await refusal(readCheckpoint('x'.repeat(5_000), 't1', keyFor))).toBe('checkpoint is too long');
  });
});
