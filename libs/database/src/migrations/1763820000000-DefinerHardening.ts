import { MigrationInterface, QueryRunner } from 'typeorm';

/** The SECURITY DEFINER look-ups written with `search_path = public` (later ones are created hardened). */
const LOOKUPS = [
  'tenant_exists(text)',
  'user_tenants(text)',
  'membership_role(text, text)',
  'sdk_allowed_origins()',
  'api_token_by_hash(bytea)',
  'api_token_by_secret_id(text, text, bytea)',
  'touch_api_tokens(text[], text[], timestamptz[])',
];
/** Those of them that any role could call until now. */
const PUBLIC_LOOKUPS = LOOKUPS.slice(0, 4);

/**
 * The functions that run with the owner's rights resolve names with the session's temporary schema
 * last, so a temporary table can never stand in for a real one; and only the application's role may
 * call them.
 */
export class DefinerHardening1763820000000 implements MigrationInterface {
  name = 'DefinerHardening1763820000000';

  async up(db: QueryRunner): Promise<void> {
    for (const fn of LOOKUPS) await db.query(`ALTER FUNCTION app_private.${fn} SET search_path = pg_catalog, public, pg_temp`);
    for (const fn of PUBLIC_LOOKUPS) {
      await db.query(`REVOKE EXECUTE ON FUNCTION app_private.${fn} FROM PUBLIC`);
      await db.query(`GRANT EXECUTE ON FUNCTION app_private.${fn} TO admin_api_app`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const fn of PUBLIC_LOOKUPS) await db.query(`GRANT EXECUTE ON FUNCTION app_private.${fn} TO PUBLIC`);
    for (const fn of LOOKUPS) await db.query(`ALTER FUNCTION app_private.${fn} SET search_path = public`);
  }
}
