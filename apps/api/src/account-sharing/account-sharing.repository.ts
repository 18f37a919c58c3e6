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
 * A user is flagged in [from $2, to $3) when one of its account_sharing incidents (one per user and UTC
 * day) that counts in risk (not dismissed) has its latest occurrence in the window. `user_risk` keeps each
 * user's latest such occurrence (`account_sharing_last`: the latest of those incidents' `last_seen_at`, but
 * for the case docs/READ-MODELS.md describes), so
 * the users whose latest is inside the window are one index range, in page order, whatever the number of
 * incidents; only users whose latest is at or after `to` (none for a window ending now) look at their
 * incidents to find one in the window.
 */
const sharingIncidents = (alias: string, tenant: string) =>
  `${alias}.tenant_id = ${tenant} AND ${alias}.signal = 'account_sharing' AND ${alias}.status <> 'dismissed'`;
const inWindow = (alias: string, tenant: string) => `${sharingIncidents(alias, tenant)} AND ${alias}.last_seen_at >= $2 AND ${alias}.last_seen_at < $3`;

/** Users whose latest occurrence is in the window, and their latest incident's time (`last_at`). */
const latestInWindow = (tenant: string) => `
SELECT r.user_id, r.account_sharing_last AS last_at FROM user_risk r
WHERE r.tenant_id = ${tenant} AND r.account_sharing_last >= $2 AND r.account_sharing_last < $3`;

/** Users active again after the window, and their latest incident in it, if any (per user, on the incidents' key). */
const laterWithIncidentInWindow = (tenant: string) => `
SELECT r.user_id, x.last_at FROM user_risk r
CROSS JOIN LATERAL (SELECT max(i.last_seen_at) AS last_at FROM incidents i WHERE ${inWindow('i', tenant)} AND i.subject_id = r.user_id) x
WHERE r.tenant_id = ${tenant} AND r.account_sharing_last >= $3 AND x.last_at IS NOT NULL`;

/**
 * Totals: the flagged users, and the fingerprints named by account-sharing evidence whose occurrences
 * span the window (`account_sharing_fingerprints`, one row per fingerprint; see docs/READ-MODELS.md).
 */
const totals = (tenant: string) => `
SELECT ${tenant}::text AS tenant_id,
       ((SELECT count(*) FROM (${latestInWindow(tenant)}) u) + (SELECT count(*) FROM (${laterWithIncidentInWindow(tenant)}) u))::int AS users,
       (SELECT count(*) FROM account_sharing_fingerprints f WHERE f.tenant_id = ${tenant} AND f.last_at >= $2 AND f.first_at < $3)::int AS fingerprints`;

/** After the cursor ($4 time, $5 tenant, $6 user) in the order latest incident first, then tenant and user. */
const afterCursor = (u: string, tenant: string) =>
  `($4::timestamptz IS NULL OR ${u}.last_at < $4 OR (${u}.last_at = $4 AND (${tenant} > $5 OR (${tenant} = $5 AND ${u}.user_id > $6))))`;

/**
 * Flagged users, latest incident first, after the cursor; then, for the page's users only (the incidents'
 * (signal, subject, day) key), their incidents in the window: how many, the fingerprints they name and
 * the evidence of the latest `$8`.
 */
const flagged = (tenant: string) => `
WITH page AS (
  SELECT * FROM (
    (SELECT u.* FROM (${latestInWindow(tenant)}) u WHERE ${afterCursor('u', tenant)} ORDER BY u.last_at DESC, u.user_id LIMIT $7)
    UNION ALL
    (SELECT u.* FROM (${laterWithIncidentInWindow(tenant)}) u WHERE ${afterCursor('u', tenant)})
  ) u
  ORDER BY u.last_at DESC, u.user_id LIMIT $7
)
SELECT ${tenant}::text AS tenant_id, p.user_id, p.last_at, ${cursorTimestamp('p.last_at')} AS last_at_position,
       (SELECT count(*) FROM incidents i WHERE ${inWindow('i', tenant)} AND i.subject_id = p.user_id)::int AS incident_count,
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
