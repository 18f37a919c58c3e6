import { Injectable } from '@nestjs/common';
import { TenantScopedRepository } from '#libs/database/src/index.js';
import { ARRIVED_EVENTS } from '../pipeline/arrived-events.js';
import type { EventProjection } from '../pipeline/event-projection.js';

/** A user's campaign event at or before a conversion: the earliest (first touch) or the latest (last touch). */
const touch = (order: 'ASC' | 'DESC') => `
  SELECT e.ts, e.campaign_source, e.campaign_medium, e.campaign_name FROM events e
  WHERE e.tenant_id = $1 AND e.user_id = c.user_id AND e.campaign_source IS NOT NULL AND e.ts <= c.ts
  ORDER BY e.ts ${order}, e.id ${order} LIMIT 1`;

/**
 * One statement per chunk:
 * - campaign visits are added to their (UTC day, campaign, user) row;
 * - the batch's conversions, and the stored conversions of every user who gained a campaign event at or
 *   before them (a touch that arrived late), get their first and last touch from the user's campaign
 *   events (`events_user_campaign_idx`: two index probes per conversion). Each conversion row is written
 *   only when its attribution changed, in key order, so concurrent batches lock rows in the same order.
 */
const RECORD_BATCH = `
WITH arrived AS MATERIALIZED (SELECT ts, user_id, event_id, event_type, campaign_source, campaign_medium, campaign_name FROM ${ARRIVED_EVENTS}),
visits AS (
  INSERT INTO attribution_visit_days AS t (tenant_id, day, source, medium, campaign, user_id, visits)
  SELECT $1, (ts AT TIME ZONE 'UTC')::date, campaign_source, campaign_medium, campaign_name, coalesce(user_id, ''), count(*)
  FROM arrived WHERE campaign_source IS NOT NULL
  GROUP BY 2, 3, 4, 5, 6 ORDER BY 2, 3, 4, 5, 6
  ON CONFLICT (tenant_id, day, source, medium, campaign, user_id) DO UPDATE SET visits = t.visits + EXCLUDED.visits
  RETURNING 1
),
touched AS (
  SELECT user_id, min(ts) AS since FROM arrived WHERE campaign_source IS NOT NULL AND user_id IS NOT NULL GROUP BY user_id
),
conversions AS (
  SELECT user_id, ts, event_id, event_type FROM arrived WHERE user_id IS NOT NULL AND event_type IN ('signup', 'purchase')
  UNION
  SELECT c.user_id, c.ts, c.event_id, c.event_type
  FROM touched t JOIN attribution_conversions c ON c.tenant_id = $1 AND c.user_id = t.user_id AND c.ts >= t.since
),
recorded AS (
  INSERT INTO attribution_conversions AS t (tenant_id, user_id, ts, event_id, event_type, first_source, first_medium, first_campaign, first_at,
                                            last_source, last_medium, last_campaign, last_at)
  SELECT $1, c.user_id, c.ts, c.event_id, c.event_type, f.campaign_source, f.campaign_medium, f.campaign_name, f.ts,
         l.campaign_source, l.campaign_medium, l.campaign_name, l.ts
  FROM conversions c
  LEFT JOIN LATERAL (${touch('ASC')}) f ON true
  LEFT JOIN LATERAL (${touch('DESC')}) l ON true
  ORDER BY c.user_id, c.ts, c.event_id
  ON CONFLICT (tenant_id, user_id, ts, event_id) DO UPDATE SET
    first_source = EXCLUDED.first_source, first_medium = EXCLUDED.first_medium, first_campaign = EXCLUDED.first_campaign, first_at = EXCLUDED.first_at,
    last_source = EXCLUDED.last_source, last_medium = EXCLUDED.last_medium, last_campaign = EXCLUDED.last_campaign, last_at = EXCLUDED.last_at
  WHERE (t.first_at, t.first_source, t.first_medium, t.first_campaign, t.last_at, t.last_source, t.last_medium, t.last_campaign)
        IS DISTINCT FROM (EXCLUDED.first_at, EXCLUDED.first_source, EXCLUDED.first_medium, EXCLUDED.first_campaign,
                          EXCLUDED.last_at, EXCLUDED.last_source, EXCLUDED.last_medium, EXCLUDED.last_campaign)
  RETURNING 1
)
SELECT (SELECT count(*) FROM visits)::int AS visits, (SELECT count(*) FROM recorded)::int AS conversions`;

/** Campaign visits per day and conversion attribution, from each chunk (in `arrived_events`). */
@Injectable()
export class AttributionProjection extends TenantScopedRepository implements EventProjection {
  readonly name = 'attribution';

  async apply(): Promise<void> {
    await this.scopedPrepared('attribution.record_chunk', RECORD_BATCH);
  }
}
