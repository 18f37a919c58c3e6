import { Injectable } from '@nestjs/common';
import { TenantScopedRepository } from '#libs/database/src/index.js';
import { ARRIVED_EVENTS } from '../pipeline/arrived-events.js';
import type { EventProjection } from '../pipeline/event-projection.js';

/** The UTC hour of a timestamptz expression, whatever the session's time zone. */
export const utcHour = (expression: string) => `date_trunc('hour', ${expression}, 'UTC')`;

/**
 * One statement per chunk, run before the identity rollups so that `end_users.first_seen` still holds
 * each user's first event before this chunk:
 * - every stored event adds one to its hour's `events`;
 * - a user seen for the first time adds one to `new_users` in the hour of its earliest event in the
 *   chunk; a known user whose chunk holds an event before its recorded first event (it arrived late)
 *   moves from the old hour to the new one (no change when both fall in the same hour).
 * The user look-up is driven by the chunk's users through the primary key (LATERAL ... OFFSET 0), so
 * the plan does not depend on statistics a new tenant does not have. Rows are written in hour order, so
 * concurrent writers would lock them in the same order.
 */
export const RECORD_HOURS = `
WITH arrived AS MATERIALIZED (SELECT ts, user_id FROM ${ARRIVED_EVENTS}),
firsts AS (
  SELECT a.first_at, u.first_seen AS known_at
  FROM (SELECT user_id, min(ts) AS first_at FROM arrived WHERE user_id IS NOT NULL GROUP BY user_id) a
  LEFT JOIN LATERAL (SELECT u.first_seen FROM end_users u WHERE u.tenant_id = $1 AND u.user_id = a.user_id OFFSET 0) u ON true
  WHERE u.first_seen IS NULL OR a.first_at < u.first_seen
),
changes AS (
  SELECT ${utcHour('ts')} AS hour, count(*) AS events, 0 AS new_users FROM arrived GROUP BY 1
  UNION ALL
  SELECT ${utcHour('first_at')}, 0, 1 FROM firsts
  UNION ALL
  SELECT ${utcHour('known_at')}, 0, -1 FROM firsts WHERE known_at IS NOT NULL
)
INSERT INTO analytics_hours AS t (tenant_id, hour, events, new_users)
SELECT $1, hour, sum(events), sum(new_users) FROM changes GROUP BY hour ORDER BY hour
ON CONFLICT (tenant_id, hour) DO UPDATE SET events = t.events + EXCLUDED.events, new_users = t.new_users + EXCLUDED.new_users`;

/** Events and new users per UTC hour (`analytics_hours`), from each chunk (in `arrived_events`). */
@Injectable()
export class AnalyticsHoursProjection extends TenantScopedRepository implements EventProjection {
  readonly name = 'analytics_hours';

  async apply(): Promise<void> {
    await this.scopedPrepared('analytics.record_hours', RECORD_HOURS);
  }
}
