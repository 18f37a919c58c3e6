import type { TokenScope } from '#libs/auth/src/index.js';

export const TOKEN_KINDS = ['secret', 'publishable'] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

/** Publishable (SDK) tokens carry exactly this scope. */
export const PUBLISHABLE_SCOPES: TokenScope[] = ['events:write'];

/** A token as the API shows it: never its secret. */
export interface ApiToken {
  id: string;
  name: string;
  kind: TokenKind;
  prefix: string;
  scopes: string[];
  createdAt: string;
  createdBy: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface ApiTokenRow {
  id: string;
  name: string;
  kind: TokenKind;
  prefix: string;
  scopes: string[];
  created_at: Date;
  created_by: string;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export const API_TOKEN_COLUMNS = 'id, name, kind, prefix, scopes, created_at, created_by, expires_at, last_used_at, revoked_at';

const iso = (value: Date | null) => (value ? value.toISOString() : null);

export const toApiToken = (row: ApiTokenRow): ApiToken => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  prefix: row.prefix,
  scopes: row.scopes,
  createdAt: row.created_at.toISOString(),
  createdBy: row.created_by,
  expiresAt: iso(row.expires_at),
  lastUsedAt: iso(row.last_used_at),
  revokedAt: iso(row.revoked_at),
});
