import { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateTenantTable } from './tenant-isolation.js';

/**
 * Scoped API tokens. A token (`api_tokens`) has one or more secrets (`api_token_secrets`): the current
 * one, and while a rotation's grace period runs, the previous ones with their `expires_at`. Secrets are
 * stored only as SHA-256 hashes; the plaintext exists nowhere but in the one response that created it.
 *
 * Look-ups before the tenant is known (by hash; by token and secret id for service JWTs) and the coalesced lastUsedAt
 * write go through narrow SECURITY DEFINER functions. Every change that can invalidate a cached
 * verdict NOTIFYs `api_token_changes` with the token id, so every instance evicts it at commit.
 * `service_signing_keys` holds only public keys (no tenant data): each instance registers the key it
 * signs service JWTs with, so every instance publishes and accepts the current and previous key.
 */
export class ApiTokens1763805600000 implements MigrationInterface {
  name = 'ApiTokens1763805600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE api_tokens (
        tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        id text NOT NULL,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('secret', 'publishable')),
        prefix text NOT NULL,
        scopes text[] NOT NULL,
        -- Milliseconds, like the ISO times in list cursors, so keyset pages never skip a row.
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        created_by text NOT NULL,
        expires_at timestamptz,
        last_used_at timestamptz,
        revoked_at timestamptz,
        PRIMARY KEY (tenant_id, id)
      )`);
    await db.query(`CREATE INDEX api_tokens_listing_idx ON api_tokens (tenant_id, created_at DESC, id DESC)`);
    await db.query(`
      CREATE TABLE api_token_secrets (
        tenant_id text NOT NULL,
        token_id text NOT NULL,
        secret_hash bytea NOT NULL CHECK (octet_length(secret_hash) = 32),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        PRIMARY KEY (tenant_id, token_id, secret_hash),
        FOREIGN KEY (tenant_id, token_id) REFERENCES api_tokens (tenant_id, id) ON DELETE CASCADE
      )`);
    await db.query(`CREATE UNIQUE INDEX api_token_secrets_hash_idx ON api_token_secrets (secret_hash)`);
    for (const table of ['api_tokens', 'api_token_secrets']) {
      await isolateTenantTable(db, table);
    }
    await db.query(`GRANT SELECT, INSERT, UPDATE ON api_tokens TO admin_api_app`);
    await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON api_token_secrets TO admin_api_app`);

    // lastUsedAt writes touch no column below, so they never evict caches. The argument names the id column.
    await db.query(`
      CREATE FUNCTION app_private.notify_api_token_change() RETURNS trigger LANGUAGE plpgsql
      AS $$ BEGIN
        PERFORM pg_notify('api_token_changes', to_jsonb(OLD) ->> TG_ARGV[0]);
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER api_tokens_changed AFTER UPDATE OF kind, scopes, expires_at, revoked_at OR DELETE ON api_tokens
      FOR EACH ROW EXECUTE FUNCTION app_private.notify_api_token_change('id')`);
    await db.query(`
      CREATE TRIGGER api_token_secrets_changed AFTER UPDATE OR DELETE ON api_token_secrets
      FOR EACH ROW EXECUTE FUNCTION app_private.notify_api_token_change('token_id')`);

    await db.query(`
      CREATE FUNCTION app_private.api_token_by_hash(p_hash bytea)
      RETURNS TABLE (tenant_id text, token_id text, kind text, scopes text[], expires_at timestamptz, revoked_at timestamptz, secret_expires_at timestamptz)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public SET app.cross_tenant = 'on'
      AS $$ SELECT t.tenant_id, t.id, t.kind, t.scopes, t.expires_at, t.revoked_at, s.expires_at
            FROM api_token_secrets s JOIN api_tokens t ON t.tenant_id = s.tenant_id AND t.id = s.token_id
            WHERE s.secret_hash = p_hash $$`);
    // A service JWT names its token and the secret it was minted from (first 16 bytes of its hash).
    await db.query(`
      CREATE FUNCTION app_private.api_token_by_secret_id(p_tenant text, p_id text, p_secret_id bytea)
      RETURNS TABLE (tenant_id text, token_id text, kind text, scopes text[], expires_at timestamptz, revoked_at timestamptz, secret_expires_at timestamptz)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public SET app.cross_tenant = 'on'
      AS $$ SELECT t.tenant_id, t.id, t.kind, t.scopes, t.expires_at, t.revoked_at, s.expires_at
            FROM api_token_secrets s JOIN api_tokens t ON t.tenant_id = s.tenant_id AND t.id = s.token_id
            WHERE s.tenant_id = p_tenant AND s.token_id = p_id AND substring(s.secret_hash FROM 1 FOR 16) = p_secret_id $$`);
    await db.query(`
      CREATE FUNCTION app_private.touch_api_tokens(p_tenants text[], p_ids text[], p_used_at timestamptz[]) RETURNS void
      LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public SET app.cross_tenant = 'on'
      AS $$ UPDATE api_tokens t SET last_used_at = greatest(t.last_used_at, u.used_at)
            FROM unnest(p_tenants, p_ids, p_used_at) AS u(tenant_id, id, used_at)
            WHERE t.tenant_id = u.tenant_id AND t.id = u.id $$`);
    for (const fn of ['api_token_by_hash(bytea)', 'api_token_by_secret_id(text, text, bytea)', 'touch_api_tokens(text[], text[], timestamptz[])']) {
      await db.query(`REVOKE ALL ON FUNCTION app_private.${fn} FROM PUBLIC`);
      await db.query(`GRANT EXECUTE ON FUNCTION app_private.${fn} TO admin_api_app`);
    }

    await db.query(`
      CREATE TABLE service_signing_keys (
        kid text PRIMARY KEY,
        public_jwk jsonb NOT NULL,
        last_started_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`GRANT SELECT, INSERT, UPDATE ON service_signing_keys TO admin_api_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE service_signing_keys`);
    await db.query(`DROP FUNCTION app_private.touch_api_tokens(text[], text[], timestamptz[])`);
    await db.query(`DROP FUNCTION app_private.api_token_by_secret_id(text, text, bytea)`);
    await db.query(`DROP FUNCTION app_private.api_token_by_hash(bytea)`);
    await db.query(`DROP TABLE api_token_secrets`);
    await db.query(`DROP TABLE api_tokens`);
    await db.query(`DROP FUNCTION app_private.notify_api_token_change()`);
  }
}
