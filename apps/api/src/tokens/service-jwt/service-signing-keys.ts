import { Inject, Injectable, OnModuleInit, UnauthorizedException } from '@nestjs/common';
import { calculateJwkThumbprint, exportJWK, type JWK } from 'jose';
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensurePrivateDir } from '#libs/common/src/private-dir.js';
import type { Pool } from 'pg';
import { APP_CONFIG, type AppConfig } from '#libs/config/src/index.js';
import { DATABASE_POOL } from '#libs/database/src/index.js';

export interface VerificationKey {
  kid: string;
  jwk: JWK;
  key: KeyObject;
}

const MIN_REFRESH_INTERVAL_MS = 1_000;
const JWKS_REFRESH_INTERVAL_MS = 60_000;

/**
 * The ES256 key that signs service JWTs: SERVICE_JWT_PRIVATE_KEY (validated as EC P-256 at start), or in
 * development a key generated once under `<DATA_DIR>/service-keys/current.pem`.
 *
 * Each instance registers its public key in `service_signing_keys`; the published and accepted set is
 * this instance's key plus the most recently started other one (the previous key after a rotation,
 * or a peer's key during a rolling deploy). An unknown `kid` re-reads that table at most once a second.
 */
@Injectable()
export class ServiceSigningKeys implements OnModuleInit {
  readonly privateKey: KeyObject;
  private currentKey!: VerificationKey;
  private previousKey?: VerificationKey;
  private refreshedAt = 0;
  private inflight?: Promise<void>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(DATABASE_POOL) private readonly pool: Pool,
  ) {
    this.privateKey = config.serviceJwtPrivateKey ? createPrivateKey(config.serviceJwtPrivateKey) : developmentKey(config.dataDir);
  }

  async onModuleInit(): Promise<void> {
    this.currentKey = await toVerificationKey(createPublicKey(this.privateKey));
    await this.pool.query(
      `INSERT INTO service_signing_keys (kid, public_jwk) VALUES ($1, $2)
       ON CONFLICT (kid) DO UPDATE SET last_started_at = now()`,
      [this.currentKey.kid, JSON.stringify(this.currentKey.jwk)],
    );
    await this.refresh();
  }

  get kid(): string {
    return this.currentKey.kid;
  }

  /** The public keys (current first) as a JWKS document. */
  async jwks(): Promise<{ keys: JWK[] }> {
    if (Date.now() - this.refreshedAt >= JWKS_REFRESH_INTERVAL_MS) await this.refreshShared();
    return { keys: [this.currentKey, this.previousKey].filter((key) => key !== undefined).map((key) => key.jwk) };
  }

  async verificationKey(kid: unknown): Promise<KeyObject> {
    const known = this.find(kid);
    if (known) return known;
    if (this.inflight || Date.now() - this.refreshedAt >= MIN_REFRESH_INTERVAL_MS) await this.refreshShared();
    const key = this.find(kid);
    if (!key) throw new UnauthorizedException('Unknown signing key');
    return key;
  }

  private find(kid: unknown): KeyObject | undefined {
    if (kid === this.currentKey.kid) return this.currentKey.key;
    if (this.previousKey && kid === this.previousKey.kid) return this.previousKey.key;
    return undefined;
  }

  /** Concurrent callers share one read. */
  private refreshShared(): Promise<void> {
    this.inflight ??= this.refresh().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async refresh(): Promise<void> {
    this.refreshedAt = Date.now();
    const { rows } = await this.pool.query<{ kid: string; public_jwk: JWK }>(
      `SELECT kid, public_jwk FROM service_signing_keys WHERE kid <> $1 ORDER BY last_started_at DESC LIMIT 1`,
      [this.currentKey.kid],
    );
    this.previousKey = rows[0] ? await toVerificationKey(createPublicKey({ key: rows[0].public_jwk as never, format: 'jwk' })) : undefined;
  }
}

async function toVerificationKey(publicKey: KeyObject): Promise<VerificationKey> {
  const { kty, crv, x, y } = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint({ kty, crv, x, y });
  return { kid, key: publicKey, jwk: { kty, crv, x, y, kid, alg: 'ES256', use: 'sig' } };
}

/** Development only (production requires SERVICE_JWT_PRIVATE_KEY): a P-256 key kept across restarts. */
function developmentKey(dataDir: string): KeyObject {
  const dir = path.join(dataDir, 'service-keys');
  const file = path.join(dir, 'current.pem');
  if (!existsSync(file)) {
    ensurePrivateDir(dir);
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  }
  return createPrivateKey(readFileSync(file, 'utf8'));
}
