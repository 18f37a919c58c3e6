import { Injectable } from '@nestjs/common';
import type { QueryResultRow } from 'pg';
import { TenantDatabase, TenantScopedRepository } from '#libs/database/src/index.js';

/** How long a key is kept: a retry within it replays the first answer. */
export const KEY_TTL = '24 hours';
/** A claim not answered within this (its instance died mid-request) may be taken over by a retry. */
export const ABANDONED_CLAIM = '5 minutes';
/** Expired rows deleted by each claim: more than a claim adds, so the table stays near a day's keys. */
const SWEEP_BATCH = 20;

export interface KeyRow {
  request_hash: Buffer;
  completed: boolean;
  status_code: number | null;
  response: Buffer | null;
}

/** The statements on one key table; `$1` is the tenant (or NULL on the platform table), `$2` the caller, `$3` the key. */
export interface KeyTable {
  /** Inserts the claim, or takes over an expired or abandoned row; false when a live row holds the key. */
  claim(caller: string, key: string, requestHash: Buffer, claim: string): Promise<boolean>;
  find(caller: string, key: string): Promise<KeyRow | undefined>;
  complete(caller: string, key: string, claim: string, statusCode: number, response: Buffer): Promise<void>;
  release(caller: string, key: string, claim: string): Promise<void>;
}

type Run = (sql: string, params: unknown[]) => Promise<QueryResultRow[]>;

function keyTable(table: string, tenantScoped: boolean, run: Run): KeyTable {
  const scope = tenantScoped ? 'tenant_id = $1' : '$1::text IS NULL';
  const target = tenantScoped ? '(tenant_id, caller, key)' : '(caller, key)';
  const row = `${scope} AND caller = $2 AND key = $3`;
  const claimSql = `
    WITH swept AS (
      DELETE FROM ${table} WHERE ${scope} AND (caller, key) IN (
        SELECT caller, key FROM ${table}
         WHERE ${scope} AND created_at < now() - interval '${KEY_TTL}' AND (caller, key) <> ($2, $3)
         LIMIT ${SWEEP_BATCH} FOR UPDATE SKIP LOCKED))
    INSERT INTO ${table} AS k (${tenantScoped ? 'tenant_id, ' : ''}caller, key, request_hash, claim)
    VALUES (${tenantScoped ? '$1, ' : ''}$2, $3, $4, $5)
    ON CONFLICT ${target} DO UPDATE
       SET request_hash = EXCLUDED.request_hash, claim = EXCLUDED.claim, created_at = now(), completed_at = NULL, status_code = NULL, response = NULL
     WHERE k.created_at < now() - interval '${KEY_TTL}' OR (k.completed_at IS NULL AND k.created_at < now() - interval '${ABANDONED_CLAIM}')
    RETURNING claim`;
  return {
    claim: async (caller, key, requestHash, claim) => (await run(claimSql, [caller, key, requestHash, claim])).length > 0,
    find: async (caller, key) =>
      (
        await run(
          `SELECT request_hash, completed_at IS NOT NULL AS completed, status_code, response FROM ${table}
            WHERE ${row} AND created_at >= now() - interval '${KEY_TTL}'`,
          [caller, key],
        )
      )[0] as KeyRow | undefined,
    complete: async (caller, key, claim, statusCode, response) => {
      await run(`UPDATE ${table} SET completed_at = now(), status_code = $5, response = $6 WHERE ${row} AND claim = $4`, [
        caller,
        key,
        claim,
        statusCode,
        response,
      ]);
    },
    release: async (caller, key, claim) => {
      await run(`DELETE FROM ${table} WHERE ${row} AND claim = $4 AND completed_at IS NULL`, [caller, key, claim]);
    },
  };
}

/** Keys sent on tenant routes, in the bound tenant. */
@Injectable()
export class TenantIdempotencyKeysRepository extends TenantScopedRepository {
  readonly keys = keyTable('idempotency_keys', true, (sql, params) => this.scoped(sql, params));
}

/** Keys sent on platform routes, by caller alone. Must run inside `TenantDatabase.runCrossTenant` (the table's policy). */
@Injectable()
export class PlatformIdempotencyKeysRepository {
  readonly keys: KeyTable;

  constructor(db: TenantDatabase) {
    this.keys = keyTable('platform_idempotency_keys', false, (sql, params) => db.query(sql, [null, ...params]));
  }
}
