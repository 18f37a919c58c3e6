import { Injectable } from '@nestjs/common';
import { TenantScopedRepository } from '#libs/database/src/index.js';
import type { GroupBy } from './dto/attribution-query.dto.js';

export interface AttributionRow {
  tenant_id: string;
  key: string;
  visits: number;
  unique_users: number;
  signups: number;
  purchases: number;
  converting_users: number;
  first_touch: number;
}

/** The window split at UTC midnights: whole days come from the daily rollup, the partial days at its edges from events. */
export interface DaySplit {
  from: Date;
  to: Date;
  /** Whole days [fullFrom, fullTo) (dates at UTC midnight); empty when fullFrom = fullTo. */
  fullFrom: Date;
  fullTo: Date;
}

/** Column names per grouping, from a fixed table (never from input). */
const COLUMNS: Record<GroupBy, { rollup: string; event: string; conversion: string }> = {
  source: { rollup: 'source', event: 'campaign_source', conversion: 'source' },
  medium: { rollup: 'medium', event: 'campaign_medium', conversion: 'medium' },
  campaign: { rollup: 'campaign', event: 'campaign_name', conversion: 'campaign' },
};

/**
 * One tenant's attribution over [from $2, to $3), whole days [$4, $5), in one grouping per (group, user):
 * - visits from the whole days' rollup rows plus the campaign events of the partial edge days
 *   ([from, fullFrom) and [fullTo, to), `events_campaign_ts_idx`); anonymous visits under user '';
 * - conversions in the window (`attribution_conversions_ts_idx`) by their last touch (signups, purchases,
 *   and the user as converting for that group) and by their first touch;
 * - unique users: users with a visit; converting users: those of them converting for the group.
 */
const attribution = (groupBy: GroupBy) => (tenant: string) => {
  const { rollup, event, conversion } = COLUMNS[groupBy];
  return `
WITH conversions AS MATERIALIZED (
  SELECT user_id, event_type, first_${conversion} AS first_key, last_${conversion} AS last_key FROM attribution_conversions
  WHERE tenant_id = ${tenant} AND ts >= $2 AND ts < $3 AND first_source IS NOT NULL
),
per_user AS (
  SELECT key, user_id, sum(visits) AS visits, bool_or(converted) AS converted FROM (
    SELECT ${rollup} AS key, visits, user_id, false AS converted FROM attribution_visit_days
    WHERE tenant_id = ${tenant} AND day >= ($4::timestamptz AT TIME ZONE 'UTC')::date AND day < ($5::timestamptz AT TIME ZONE 'UTC')::date
    UNION ALL
    SELECT ${event}, 1, coalesce(user_id, ''), false FROM events
    WHERE tenant_id = ${tenant} AND campaign_source IS NOT NULL
      AND ((ts >= $2 AND ts < least($3, $4)) OR (ts >= greatest($2, $5) AND ts < $3 AND $4 < $5))
    UNION ALL
    SELECT last_key, 0, user_id, true FROM conversions
  ) v GROUP BY key, user_id
),
visits AS (
  SELECT key, sum(visits)::int AS visits, count(*) FILTER (WHERE visits > 0 AND user_id <> '')::int AS unique_users,
         count(*) FILTER (WHERE visits > 0 AND converted)::int AS converting_users
  FROM per_user GROUP BY key
),
last_touch AS (
  SELECT last_key AS key, count(*) FILTER (WHERE event_type = 'signup')::int AS signups,
         count(*) FILTER (WHERE event_type = 'purchase')::int AS purchases
  FROM conversions GROUP BY 1
),
first_touch AS (SELECT first_key AS key, count(*)::int AS first_touch FROM conversions GROUP BY 1)
SELECT ${tenant}::text AS tenant_id, key, coalesce(visits, 0) AS visits, coalesce(unique_users, 0) AS unique_users,
       coalesce(signups, 0) AS signups, coalesce(purchases, 0) AS purchases, coalesce(converting_users, 0) AS converting_users,
       coalesce(first_touch, 0) AS first_touch
FROM visits FULL JOIN last_touch USING (key) FULL JOIN first_touch USING (key)`;
};

@Injectable()
export class AttributionRepository extends TenantScopedRepository {
  /** One row per (tenant, group value). */
  stats(groupBy: GroupBy, window: DaySplit): Promise<AttributionRow[]> {
    return this.scopedRead<AttributionRow>(attribution(groupBy), 'ORDER BY x.tenant_id, x.key', [window.from, window.to, window.fullFrom, window.fullTo]);
  }
}
