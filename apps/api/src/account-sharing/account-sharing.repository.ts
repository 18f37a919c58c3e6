import { Injectable } from '@nestjs/common';
import { TenantScopedRepository } from '#libs/database/src/index.js';

export interface SharingTotalsRow {
  tenant_id: string;
  users: number;
  fingerprints: number;
}

export interface FlaggedUserRow {
  tenant_id: string;
  user_id: string;
  last_at: Date;
  incident_count: number;
  fingerprints: string[];
  evidence: Array<Record<string, unknown>>;
}

/** The tenant's account_sharing incidents in [from $2, to $3). */
const incidents = (tenant: string) => `
  SELECT user_id, occurred_at, incident_key, evidence FROM signal_incidents
  WHERE tenant_id = ${tenant} AND signal = 'account_sharing' AND occurred_at >= $2 AND occurred_at < $3`;

const totals = (tenant: string) => `
WITH incidents AS (${incidents(tenant)})
SELECT ${tenant}::text AS tenant_id, (SELECT count(DISTINCT user_id) FROM incidents)::int AS users,
       (SELECT count(DISTINCT fingerprint) FROM incidents i, jsonb_array_elements_text(i.evidence->'fingerprints') fingerprint)::int AS fingerprints`;

/**
 * Flagged users, latest incident first, after the cursor ($4 time, $5 tenant, $6 user); for each, the
 * fingerprints named by its incidents in the window and the evidence of its latest `$8` incidents.
 */
const flagged = (tenant: string) => `
WITH incidents AS MATERIALIZED (${incidents(tenant)}),
users AS (
  SELECT user_id, max(occurred_at) AS last_at, count(*)::int AS incident_count FROM incidents GROUP BY user_id
)
SELECT ${tenant}::text AS tenant_id, u.user_id, u.last_at, u.incident_count,
       ARRAY(SELECT DISTINCT fingerprint FROM incidents i, jsonb_array_elements_text(i.evidence->'fingerprints') fingerprint
             WHERE i.user_id = u.user_id ORDER BY fingerprint) AS fingerprints,
       (SELECT json_agg(e.evidence || jsonb_build_object('occurredAt', app_private.iso(e.occurred_at)) ORDER BY e.occurred_at DESC, e.incident_key)
        FROM (SELECT * FROM incidents i WHERE i.user_id = u.user_id ORDER BY i.occurred_at DESC, i.incident_key LIMIT $8) e) AS evidence
FROM users u
WHERE $4::timestamptz IS NULL OR u.last_at < $4 OR (u.last_at = $4 AND (${tenant} > $5 OR (${tenant} = $5 AND u.user_id > $6)))
ORDER BY u.last_at DESC, u.user_id
LIMIT $7`;

@Injectable()
export class AccountSharingRepository extends TenantScopedRepository {
  totals(window: { from: Date; to: Date }): Promise<SharingTotalsRow[]> {
    return this.scopedRead<SharingTotalsRow>(totals, 'ORDER BY x.tenant_id', [window.from, window.to]);
  }

  /** `after`: the last user of the previous page, as (latest incident, tenant id, user id). */
  flagged(window: { from: Date; to: Date }, after: readonly [Date, string, string] | undefined, limit: number, evidencePerUser: number): Promise<FlaggedUserRow[]> {
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
