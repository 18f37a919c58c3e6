import { CompactSign, compactVerify, errors, type JWK } from 'jose';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { GENESIS_HASH } from './audit-chain.js';
import type { CheckpointClaims } from './chain-verifier.js';
import type { Query } from './verify-chain.js';

/** Sets checkpoints apart from every other JWS the service key signs (service JWTs above all). */
export const CHECKPOINT_TYPE = 'audit-checkpoint';
const MAX_CHECKPOINT_LENGTH = 2_048;

export interface CheckpointSigner {
  kid: string;
  privateKey: KeyObject;
}

/** A checkpoint that is not one: malformed, signed by a key we never had, or of another chain. */
export class InvalidCheckpointError extends Error {}

/** `head` of an empty chain: seq 0 and the genesis hash, which proves only that the chain was empty. */
export async function signCheckpoint(claims: CheckpointClaims, signer: CheckpointSigner): Promise<string> {
  const { tenantId, seq, hash, at } = claims;
  return new CompactSign(Buffer.from(JSON.stringify({ tenantId, seq, hash, at })))
    .setProtectedHeader({ alg: 'ES256', kid: signer.kid, typ: CHECKPOINT_TYPE })
    .sign(signer.privateKey);
}

/** The service's public key by `kid`, from the keys every instance registers in the database (any age). */
export async function checkpointKeyFromDatabase(query: Query, kid: string): Promise<KeyObject | undefined> {
  const [row] = await query<{ public_jwk: JWK }>(`SELECT public_jwk FROM service_signing_keys WHERE kid = $1`, [kid]);
  return row ? createPublicKey({ key: row.public_jwk as never, format: 'jwk' }) : undefined;
}

/**
 * Checks a checkpoint's signature (ES256, a key of this service), its type and claims, and that it is
 * `tenantId`'s chain (null: the platform chain). Throws InvalidCheckpointError naming the problem.
 */
export async function readCheckpoint(jws: string, tenantId: string | null, keyFor: (kid: string) => Promise<KeyObject | undefined>): Promise<CheckpointClaims> {
  if (jws.length > MAX_CHECKPOINT_LENGTH) throw new InvalidCheckpointError('checkpoint is too long');
  let verified: Awaited<ReturnType<typeof compactVerify>>;
  try {
    verified = await compactVerify(
      jws,
      async (header) => {
        if (header.typ !== CHECKPOINT_TYPE) throw new InvalidCheckpointError(`not an audit checkpoint (typ ${String(header.typ)})`);
        const key = typeof header.kid === 'string' ? await keyFor(header.kid) : undefined;
        if (!key) throw new InvalidCheckpointError('signed by a key this service never had');
        return key;
      },
      { algorithms: ['ES256'] },
    );
  } catch (error) {
    if (error instanceof InvalidCheckpointError) throw error;
    if (error instanceof errors.JWSSignatureVerificationFailed) throw new InvalidCheckpointError('signature does not verify');
    if (error instanceof errors.JOSEAlgNotAllowed) throw new InvalidCheckpointError('algorithm is not ES256');
    throw new InvalidCheckpointError('not a compact JWS');
  }
  const claims = parseClaims(verified.payload);
  if (claims.tenantId !== tenantId) throw new InvalidCheckpointError('checkpoint of another chain');
  return claims;
}

function parseClaims(payload: Uint8Array): CheckpointClaims {
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload).toString('utf8'));
  } catch {
    throw new InvalidCheckpointError('payload is not JSON');
  }
  const { tenantId, seq, hash, at } = (claims ?? {}) as Partial<CheckpointClaims>;
  const wellFormed =
    (tenantId === null || typeof tenantId === 'string') &&
    Number.isSafeInteger(seq) &&
    seq! >= 0 &&
    typeof hash === 'string' &&
    /^[0-9a-f]{64}$/.test(hash) &&
    (seq === 0 ? hash === GENESIS_HASH && at === null : typeof at === 'string');
  if (!wellFormed) throw new InvalidCheckpointError('claims are not {tenantId, seq, hash, at}');
  return { tenantId: tenantId!, seq: seq!, hash: hash, at: at! };
}
