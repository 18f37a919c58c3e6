import { Injectable } from '@nestjs/common';
import { cursorTimestamp, TenantScopedRepository } from '#libs/database/src/index.js';
import { API_TOKEN_COLUMNS, type ApiTokenRow, type TokenKind } from './token.types.js';

export interface NewApiToken {
  id: string;
  name: string;
  kind: TokenKind;
  prefix: string;
  scopes: string[];
  createdBy: string;
  expiresAt: Date | null;
  secretHash: string;
}

const hashParam = (hex: string) => Buffer.from(hex, 'hex');

@Injectable()
export class ApiTokensRepository extends TenantScopedRepository {
  async insert(token: NewApiToken): Promise<ApiTokenRow> {
    const [row] = await this.scoped<ApiTokenRow>(
      `WITH token AS (
         INSERT INTO api_tokens (tenant_id, id, name, kind, prefix, scopes, created_by, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         RETURNING ${API_TOKEN_COLUMNS}),
       secret AS (INSERT INTO api_token_secrets (tenant_id, token_id, secret_hash) SELECT $1, id, $9 FROM token)
       SELECT * FROM token`,
      [token.id, token.name, token.kind, token.prefix, token.scopes, token.createdBy, token.expiresAt, hashParam(token.secretHash)],
    );
    return row;
  }

  /** Newest first; keyset on (created_at, id), the time as exact text (`created_position`). */
  list(after: { createdAt: string; id: string } | undefined, limit: number): Promise<Array<ApiTokenRow & { created_position: string }>> {
    return this.scoped<ApiTokenRow & { created_position: string }>(
      `SELECT ${API_TOKEN_COLUMNS}, ${cursorTimestamp('created_at')} AS created_position FROM api_tokens
       WHERE tenant_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) < ($2, $3))
       ORDER BY created_at DESC, id DESC LIMIT $4`,
      [after?.createdAt ?? null, after?.id ?? null, limit],
    );
  }

  /** Locks the token until the transaction ends, so revoke and rotate of one token run one at a time. */
  lockAndGet(id: string): Promise<ApiTokenRow | undefined> {
    return this.scopedOne<ApiTokenRow>(`SELECT ${API_TOKEN_COLUMNS} FROM api_tokens WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [id]);
  }

  /** The token as revoked now; undefined when it already was. */
  revoke(id: string): Promise<ApiTokenRow | undefined> {
    return this.scopedOne<ApiTokenRow>(
      `UPDATE api_tokens SET revoked_at = now() WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING ${API_TOKEN_COLUMNS}`,
      [id],
    );
  }

  /**
   * Adds a new current secret; every live older secret now ends within `graceSeconds` (0 = at once).
   * Returns when the last of the old secrets stops working.
   */
  async rotateSecret(id: string, secretHash: string, prefix: string, graceSeconds: number): Promise<Date | null> {
    await this.scoped(`DELETE FROM api_token_secrets WHERE tenant_id = $1 AND token_id = $2 AND expires_at <= now()`, [id]);
    const [row] = await this.scoped<{ previous_expires_at: Date | null }>(
      `WITH retired AS (
         UPDATE api_token_secrets SET expires_at = least(coalesce(expires_at, 'infinity'), now() + make_interval(secs => $3))
         WHERE tenant_id = $1 AND token_id = $2
         RETURNING expires_at),
       added AS (INSERT INTO api_token_secrets (tenant_id, token_id, secret_hash) VALUES ($1, $2, $4)),
       renamed AS (UPDATE api_tokens SET prefix = $5 WHERE tenant_id = $1 AND id = $2)
       SELECT max(expires_at) AS previous_expires_at FROM retired`,
      [id, graceSeconds, hashParam(secretHash), prefix],
    );
    return row?.previous_expires_at ?? null;
  }
}
