import { Injectable } from '@nestjs/common';
import { TenantScopedRepository } from '#libs/database/src/index.js';
import { type Signal, SIGNALS } from '../signals/risk.js';
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
  /** The signal counted (incidents and risky_users); undefined: all. */
  signal?: Signal;
}

/**
 * The bucket (its start) of a timestamptz expression at the interval `$4` (one hour or one day): counted
 * from the epoch, which is UTC midnight, so days are UTC days whatever the session's time zone.
 */
const bucketOf = (expression: string) => `date_bin($4::interval, ${expression}, timestamptz 'epoch')`;
const STEP: Record<Interval, string> = { hour: '1 hour', day: '1 day' };

/** From the hourly rollup (`analytics_hours`): one row per hour with activity, at most 24 per day of the window. */
const fromHours = (column: 'events' | 'new_users') => (tenant: string) => `
  SELECT ${bucketOf('h.hour')} AS t, sum(h.${column}) AS value
  FROM analytics_hours h WHERE h.tenant_id = ${tenant} AND h.hour >= $2 AND h.hour < $3 GROUP BY 1`;

/**
 * Incidents by the hour of their first event, whatever their status, from `incident_hours` (kept by the
 * signal engine): at most 24 rows per signal and day of the window. `$5` the signals (text[]).
 */
const incidents = (tenant: string) => `
  SELECT ${bucketOf('h.hour')} AS t, sum(h.incidents) AS value
  FROM incident_hours h WHERE h.tenant_id = ${tenant} AND h.signal = ANY($5::text[]) AND h.hour >= $2 AND h.hour < $3 GROUP BY 1`;

/**
 * Flagged users by their latest occurrence outside dismissed incidents (of `$5`: a signal, or `any`),
 * from `risk_hours` (kept by the signal engine with `user_risk`): each user counts once, in one bucket.
 */
const riskyUsers = (tenant: string) => `
  SELECT ${bucketOf('h.hour')} AS t, sum(h.users) AS value
  FROM risk_hours h WHERE h.tenant_id = ${tenant} AND h.series = $5 AND h.hour >= $2 AND h.hour < $3 GROUP BY 1`;

/** Each metric's query for one tenant and its parameters after the window's ($2 from, $3 to, $4 interval). */
const SERIES: Record<Metric, (window: BucketedWindow) => { sql: (tenant: string) => string; params: unknown[] }> = {
  events: () => ({ sql: fromHours('events'), params: [] }),
  new_users: () => ({ sql: fromHours('new_users'), params: [] }),
  incidents: (window) => ({ sql: incidents, params: [window.signal ? [window.signal] : SIGNALS] }),
  risky_users: (window) => ({ sql: riskyUsers, params: [window.signal ?? 'any'] }),
};

/** Reads the time series from the hourly rollups the pipeline keeps (never events, incidents or users one by one). */
@Injectable()
export class TimeseriesRepository extends TenantScopedRepository {
  /** One row per tenant in scope (the bound tenant, or every tenant across tenants), with its non-empty buckets. */
  series(metric: Metric, window: BucketedWindow): Promise<TimeseriesRow[]> {
    const series = SERIES[metric](window);
    const build = (tenant: string) => `
      SELECT ${tenant}::text AS tenant_id, (SELECT coalesce(json_object_agg((extract(epoch FROM b.t) * 1000)::bigint, b.value), '{}') FROM (${series.sql(tenant)}) b) AS buckets`;
    return this.scopedRead<TimeseriesRow>(build, 'ORDER BY x.tenant_id', [window.from, window.to, STEP[window.interval], ...series.params]);
  }
}
