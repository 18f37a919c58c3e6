import { Injectable } from '@nestjs/common';
import { TenantScopedRepository } from '#libs/database/src/index.js';
import { RISK_LEVELS, riskLevelRange, riskScoreSql, SIGNALS } from '../signals/risk.js';

export interface FraudStatsRow {
  tenant_id: string;
  /** Users first seen before the end of the window. */
  users: number;
  levels: Record<string, number>;
  signals: Record<string, number>;
  top: Array<{ userId: string; signals: string[]; score: number; lastAt: string }>;
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

const LEVEL_COUNTS = RISK_LEVELS.map((level) => {
  const [low, high] = riskLevelRange(level);
  return `'${level}', count(*) FILTER (WHERE score >= ${low} AND score < ${high})`;
}).join(', ');
const SIGNAL_COUNTS = SIGNALS.map((signal) => `'${signal}', count(*) FILTER (WHERE '${signal}' = ANY(signals))`).join(', ');

/**
 * One tenant's figures over [from $2, to $3): its users' signals are the incidents in the window (index-only
 * on `signal_incidents_signal_idx`, so the work follows the flagged users, not the events), and the
 * population is the users known by the end of the window, as in the users list. Lists hold `$4` entries.
 */
const stats = (tenant: string) => `
WITH flagged AS (
  SELECT user_id, array_agg(DISTINCT signal) AS signals, max(occurred_at) AS last_at
  FROM signal_incidents
  WHERE tenant_id = ${tenant} AND signal = ANY('{${SIGNALS.join(',')}}'::text[]) AND occurred_at >= $2 AND occurred_at < $3
  GROUP BY user_id
),
scored AS (SELECT user_id, signals, last_at, ${riskScoreSql('signals')} AS score FROM flagged)
SELECT ${tenant}::text AS tenant_id,
       (SELECT count(*) FROM end_users u WHERE u.tenant_id = ${tenant} AND u.first_seen < $3)::int AS users,
       json_build_object(${LEVEL_COUNTS}) AS levels,
       json_build_object(${SIGNAL_COUNTS}) AS signals,
       coalesce((SELECT json_agg(json_build_object('userId', user_id, 'signals', signals, 'score', score, 'lastAt', last_at)
                                 ORDER BY score DESC, last_at DESC, user_id)
                 FROM (SELECT * FROM scored ORDER BY score DESC, last_at DESC, user_id LIMIT $4) top), '[]') AS top,
       coalesce((SELECT json_agg(json_build_object('userId', user_id, 'at', occurred_at, 'evidence', evidence)
                                 ORDER BY occurred_at DESC, user_id, incident_key)
                 FROM (SELECT user_id, occurred_at, incident_key, evidence FROM signal_incidents
                       WHERE tenant_id = ${tenant} AND signal = 'impossible_travel' AND occurred_at >= $2 AND occurred_at < $3
                       ORDER BY occurred_at DESC, user_id, incident_key LIMIT $4) travel), '[]') AS travel
FROM scored`;

@Injectable()
export class FraudStatsRepository extends TenantScopedRepository {
  /** One row per tenant in scope (the bound tenant, or every tenant across tenants). */
  stats(window: { from: Date; to: Date }, limit: number): Promise<FraudStatsRow[]> {
    return this.scopedRead<FraudStatsRow>(stats, 'ORDER BY x.tenant_id', [window.from, window.to, limit]);
  }
}
