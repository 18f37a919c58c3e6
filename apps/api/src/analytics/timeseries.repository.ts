import { Injectable } from '@nestjs/common';
import { TenantScopedRepository } from '#libs/database/src/index.js';
import type { Interval, Metric } from './dto/timeseries.dto.js';

export interface TimeseriesRow {
  tenant_id: string;
  /** Bucket start (epoch ms, as text) → value; buckets without data are absent. */
  buckets: Record<string, number>;
}

export interface BucketedWindow {
  /** The first bucket's start and the end of the last bucket. */
  from: Date;
  to: Date;
  interval: Interval;
  /** The signals counted (incidents and risky_users); undefined: all. */
  signal?: string;
}

/** The bucket (start, epoch ms) of a timestamptz expression, at the interval `$4`, in UTC. */
const bucketOf = (expression: string) => `(extract(epoch FROM date_trunc($4, ${expression}, 'UTC')) * 1000)::bigint`;

/** From the hourly rollup (`analytics_hours`): one row per hour with activity, at most 24 per day of the window. */
const fromHours = (column: 'events' | 'new_users') => (tenant: string) => `
  SELECT ${bucketOf('h.hour')} AS t, sum(h.${column}) AS value
  FROM analytics_hours h WHERE h.tenant_id = ${tenant} AND h.hour >= $2 AND h.hour < $3 GROUP BY 1`;

/**
 * Incidents by their first-seen time, whatever their status, one index range per signal
 * (`incidents_first_seen_idx`): the row comparison led by the signal is a range only that index serves.
 * `$5` the signals (text[]).
 */
const incidents = (tenant: string) => `
  SELECT ${bucketOf('i.first_seen_at')} AS t, count(*) AS value
  FROM unnest($5::text[]) AS s(signal)
  CROSS JOIN LATERAL (
    SELECT i.first_seen_at FROM incidents i
    WHERE i.tenant_id = ${tenant} AND (i.signal, i.first_seen_at) >= (s.signal, $2) AND (i.signal, i.first_seen_at) < (s.signal, $3) OFFSET 0) i
  GROUP BY 1`;

/**
 * Distinct users named by open or resolved incidents (`users`: the user of a user incident, up to 100
 * users of a fingerprint's) by the incident's last-seen time, on `incidents_last_seen_idx`. `$5` one
 * signal or NULL.
 */
const riskyUsers = (tenant: string) => `
  SELECT ${bucketOf('i.last_seen_at')} AS t, count(DISTINCT u.user_id) AS value
  FROM incidents i CROSS JOIN LATERAL unnest(i.users) AS u(user_id)
  WHERE i.tenant_id = ${tenant} AND i.last_seen_at >= $2 AND i.last_seen_at < $3 AND i.status <> 'dismissed'
    AND ($5::text IS NULL OR i.signal = $5)
  GROUP BY 1`;

/** Each metric's query and its parameters after the window's ($2 from, $3 to, $4 interval). */
const SERIES: Record<Metric, { sql: (tenant: string) => string; params: (window: BucketedWindow, allSignals: readonly string[]) => unknown[] }> = {
  events: { sql: fromHours('events'), params: () => [] },
  new_users: { sql: fromHours('new_users'), params: () => [] },
  incidents: { sql: incidents, params: (window, allSignals) => [window.signal ? [window.signal] : allSignals] },
  risky_users: { sql: riskyUsers, params: (window) => [window.signal ?? null] },
};

/** Reads the time series' sources: the hourly rollup the pipeline keeps, and the incidents (bounded by subjects × days). */
@Injectable()
export class TimeseriesRepository extends TenantScopedRepository {
  /** One row per tenant in scope (the bound tenant, or every tenant across tenants), with its non-empty buckets. */
  series(metric: Metric, window: BucketedWindow, allSignals: readonly string[]): Promise<TimeseriesRow[]> {
    const series = SERIES[metric];
    const build = (tenant: string) => `
      SELECT ${tenant}::text AS tenant_id, (SELECT coalesce(json_object_agg(b.t, b.value), '{}') FROM (${series.sql(tenant)}) b) AS buckets`;
    return this.scopedRead<TimeseriesRow>(build, 'ORDER BY x.tenant_id', [window.from, window.to, window.interval, ...series.params(window, allSignals)]);
  }
}
