import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DATABASE_POOL } from '#libs/database/src/index.js';
import { secretIdOf } from '../token-secret.js';
import type { TokenKind } from '../token.types.js';
import type { TokenRecord } from './token-record.js';

interface TokenRecordRow {
  tenant_id: string;
  token_id: string;
  kind: TokenKind;
  scopes: string[];
  expires_at: Date | null;
  revoked_at: Date | null;
  secret_expires_at: Date | null;
}

export interface TokenUse {
  tenantId: string;
  tokenId: string;
  usedAt: number;
}

const epochMs = (value: Date | null) => (value ? value.getTime() : null);

/**
 * Look-ups made before any tenant is known, each through a narrow SECURITY DEFINER function:
 * a token by the hash of its secret, a token by id and secret id (service JWTs), and the batched
 * lastUsedAt write.
 */
@Injectable()
export class TokenLookupRepository {
  constructor(@Inject(DATABASE_POOL) private readonly pool: Pool) {}

  async byHash(hash: string): Promise<TokenRecord | undefined> {
    const { rows } = await this.pool.query<TokenRecordRow>('SELECT * FROM app_private.api_token_by_hash($1)', [Buffer.from(hash, 'hex')]);
    return rows[0] && toRecord(rows[0], secretIdOf(hash));
  }

  async bySecretId(tenantId: string, tokenId: string, secretId: string): Promise<TokenRecord | undefined> {
    const { rows } = await this.pool.query<TokenRecordRow>('SELECT * FROM app_private.api_token_by_secret_id($1, $2, $3)', [
      tenantId,
      tokenId,
      Buffer.from(secretId, 'hex'),
    ]);
    return rows[0] && toRecord(rows[0], secretId);
  }

  async recordUse(uses: TokenUse[]): Promise<void> {
    await this.pool.query('SELECT app_private.touch_api_tokens($1, $2, $3)', [
      uses.map((use) => use.tenantId),
      uses.map((use) => use.tokenId),
      uses.map((use) => new Date(use.usedAt)),
    ]);
  }
}

function toRecord(row: TokenRecordRow, secretId: string): TokenRecord {
  return {
    secretId,
    tenantId: row.tenant_id,
    tokenId: row.token_id,
    kind: row.kind,
    scopes: row.scopes,
    expiresAt: epochMs(row.expires_at),
    revokedAt: epochMs(row.revoked_at),
    secretExpiresAt: epochMs(row.secret_expires_at),
  };
}
