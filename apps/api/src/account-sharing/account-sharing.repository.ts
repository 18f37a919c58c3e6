import { Injectable } from '@nestjs/common';
import { cursorTimestamp, TenantScopedRepository } from '#libs/database/src/index.js';

export interface SharingTotalsRow {
  tenant_id: string;
  users: number;
  fingerprints: number;
}

export interface FlaggedUserRow {
  tenant_id: string;
  user_id: string;
  last_at: Date;
  /** `last_at` as the exact text a cursor carries. */
  last_at_position: string;
  incident_count: number;
  fingerprints: string[];
  evidence: Array<Record<string, unknown>>;
}

/**
 * A tenant's account_sharing incidents (one per user and UTC day, with its strongest evidence) whose
 * latest occurrence is in [from $2, to $3), on `incidents_signal_last_seen_idx`.
 */
const inWindow = (alias: string, tenant: string) =>
  `${alias}.tenant_id = ${tenant} AND ${alias}.signal = 'account_sharing' AND ${alias}.last_seen_at >= $2 AND ${alias}.last_seen_at < $3`;

const totals = (tenant: string) => `
SELECT ${tenant}::text AS tenant_id, count(DISTINCT i.subject_id)::int AS users,
       (SELECT count(DISTINCT fingerprint) FROM incidents f, jsonb_array_elements_text(f.evidence->'fingerprints') fingerprint
        WHERE ${inWindow('f', tenant)})::int AS fingerprints
FROM incidents i WHERE ${inWindow('i', tenant)}`;

/**
 * Flagged users, latest incident first, after the cursor ($4 time, $5 tenant, $6 user); then, for the
 * page's users only (the incidents' (signal, subject, day) key), the fingerprints named by their incidents in the window and
 * the evidence of their latest `$8` incidents.
 */
const flagged = (tenant: string) => `
WITH users AS (
  SELECT i.subject_id AS user_id, max(i.last_seen_at) AS last_at, count(*)::int AS incident_count
  FROM incidents i WHERE ${inWindow('i', tenant)} GROUP BY i.subject_id
),
page AS (
  SELECT * FROM users u
  WHERE $4::timestamptz IS NULL OR u.last_at < $4 OR (u.last_at = $4 AND (${tenant} > $5 OR (${tenant} = $5 AND u.user_id > $6)))
  ORDER BY u.last_at DESC, u.user_id LIMIT $7
)
SELECT ${tenant}::text AS tenant_id, p.user_id, p.last_at, ${cursorTimestamp('p.last_at')} AS last_at_position, p.incident_count,
       ARRAY(SELECT DISTINCT fingerprint FROM incidents i, jsonb_array_elements_text(i.evidence->'fingerprints') fingerprint
             WHERE ${inWindow('i', tenant)} AND i.subject_id = p.user_id ORDER BY fingerprint) AS fingerprints,
       (SELECT json_agg(e.evidence || jsonb_build_object('occurredAt', app_private.iso(e.last_seen_at)) ORDER BY e.last_seen_at DESC, e.id)
        FROM (SELECT i.evidence, i.last_seen_at, i.id FROM incidents i
              WHERE ${inWindow('i', tenant)} AND i.subject_id = p.user_id ORDER BY i.last_seen_at DESC, i.id LIMIT $8) e) AS evidence
FROM page p
ORDER BY p.last_at DESC, p.user_id`;

@Injectable()
export class AccountSharingRepository extends TenantScopedRepository {
  totals(window: { from: Date; to: Date }): Promise<SharingTotalsRow[]> {
    return this.scopedRead<SharingTotalsRow>(totals, 'ORDER BY x.tenant_id', [window.from, window.to]);
  }

  /** `after`: the last user of the previous page, as (latest incident as exact text, tenant id, user id). */
  flagged(
    window: { from: Date; to: Date },
    after: readonly [string, string, string] | undefined,
    limit: number,
    evidencePerUser: number,
  ): Promise<FlaggedUserRow[]> {
    return this.scopedRead<FlaggedUserRow>(flagged, 'ORDER BY x.last_at DESC, x.tenant_id, x.user_id LIMIT $7', [
      window.from,
      window.to,
      after?.[0] ?? null,
      after?.[1] ?? null,
      after?.[2] ?? null,
      limit,
      evidencePerUser,
    ]);
  }
}
