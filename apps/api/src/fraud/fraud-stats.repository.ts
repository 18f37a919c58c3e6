import { Injectable } from '@nestjs/common';
import { TenantScopedRepository } from '#libs/database/src/index.js';
import { SIGNAL_WEIGHTS, signalMaskSql, SIGNALS } from '../signals/risk.js';

export interface FraudStatsRow {
  tenant_id: string;
  /** Users first seen before the end of the window. */
  users: number;
  /** Flagged users per combination of signals (bit i = SIGNALS[i]). */
  masks: Record<string, number> | null;
  top: Array<{ userId: string; mask: number; lastAt: string }>;
  travel: Array<{ userId: string; at: string; evidence: ImpossibleTravelEvidence }>;
}

export interface TravelPlace {
  eventId: string;
  lat: number;
  lon: number;
  city: string | null;
  country: string | null;
  at: string;
}

/** As the signal engine records it. */
export interface ImpossibleTravelEvidence {
  from: TravelPlace;
  to: TravelPlace;
  km: number;
  kmh: number | null;
}

/** The risk score of a bitmask of signals (bit i = SIGNALS[i]). */
const MASK_SCORE = `least(100, ${SIGNALS.map((signal, bit) => `CASE WHEN mask & ${1 << bit} <> 0 THEN ${SIGNAL_WEIGHTS[signal]} ELSE 0 END`).join(' + ')})`;

/**
 * Each flagged user's signals in [from $2, to $3), as a bitmask, from `user_risk` (one row per user with
 * each signal's first and last occurrence outside dismissed incidents; index-only on
 * `user_risk_last_at_idx`): a signal counts when its occurrences overlap the window. This is exact unless
 * a user's occurrences of one signal lie both before and after the window with none inside, which for a
 * window reaching the present (the default) takes events timestamped in the future. The work follows the
 * flagged users (a device farm's million events are about 50k users), one row each, without grouping.
 */
const flaggedUsers = (tenant: string) => `
  SELECT r.user_id, ${signalMaskSql('r', '$2', '$3')} AS mask, least(r.last_at, $3) AS last_at
  FROM user_risk r WHERE r.tenant_id = ${tenant} AND r.last_at >= $2`;

/**
 * One tenant's figures over [from $2, to $3): counts per combination of signals; the lists hold `$4`
 * entries. The population is the users known by the end of the window, as in the users list. Impossible
 * travel lists the latest incidents (one per user and day, with its strongest leg).
 */
const stats = (tenant: string) => `
WITH flagged AS MATERIALIZED (SELECT * FROM (${flaggedUsers(tenant)}) f WHERE f.mask <> 0)
SELECT ${tenant}::text AS tenant_id,
       (SELECT count(*) FROM end_users u WHERE u.tenant_id = ${tenant} AND u.first_seen < $3)::int AS users,
       (SELECT json_object_agg(mask, users) FROM (SELECT mask, count(*) AS users FROM flagged GROUP BY mask) m) AS masks,
       coalesce((SELECT json_agg(json_build_object('userId', user_id, 'mask', mask, 'lastAt', last_at) ORDER BY score DESC, last_at DESC, user_id)
                 FROM (SELECT *, ${MASK_SCORE} AS score FROM flagged ORDER BY score DESC, last_at DESC, user_id LIMIT $4) top), '[]') AS top,
       coalesce((SELECT json_agg(json_build_object('userId', subject_id, 'at', last_seen_at, 'evidence', evidence) ORDER BY last_seen_at DESC, subject_id, id)
                 FROM (SELECT subject_id, last_seen_at, id, evidence FROM incidents
                       WHERE tenant_id = ${tenant} AND signal = 'impossible_travel' AND last_seen_at >= $2 AND last_seen_at < $3
                       ORDER BY last_seen_at DESC, subject_id, id LIMIT $4) travel), '[]') AS travel`;

@Injectable()
export class FraudStatsRepository extends TenantScopedRepository {
  /** One row per tenant in scope (the bound tenant, or every tenant across tenants). */
  stats(window: { from: Date; to: Date }, limit: number): Promise<FraudStatsRow[]> {
    return this.scopedRead<FraudStatsRow>(stats, 'ORDER BY x.tenant_id', [window.from, window.to, limit]);
  }
}
