import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '#libs/database/src/index.js';
import { invalidField, resolveWindow } from '#libs/http/src/index.js';
import { type Interval, MAX_BUCKETS, type Metric, SIGNAL_METRICS, TimeseriesQueryDto } from './dto/timeseries.dto.js';
import { tenantFigures, type TenantFigures } from './tenant-figures.js';
import { TimeseriesRepository } from './timeseries.repository.js';

const BUCKET_MS: Record<Interval, number> = { hour: 3_600_000, day: 86_400_000 };

export interface Timeseries {
  metric: Metric;
  interval: Interval;
  data: Array<{ t: string; value: number }>;
}

@Injectable()
export class TimeseriesService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly repository: TimeseriesRepository,
  ) {}

  /**
   * Every bucket of the interval that [from, to) touches, from the one holding `from` to the one holding
   * the window's last instant, each counted whole (UTC days and hours have fixed lengths, so buckets are
   * multiples of their length since the epoch); buckets without data answer 0.
   */
  async series(query: TimeseriesQueryDto): Promise<TenantFigures<Timeseries>> {
    const interval = query.interval ?? 'day';
    if (query.signal !== undefined && !SIGNAL_METRICS.includes(query.metric))
      throw invalidField('signal', `signal applies to the metrics ${SIGNAL_METRICS.join(' and ')} only`);
    const window = resolveWindow(query);
    const step = BUCKET_MS[interval];
    const first = Math.floor(window.from.getTime() / step) * step;
    const end = Math.ceil(window.to.getTime() / step) * step;
    const buckets = (end - first) / step;
    if (buckets > MAX_BUCKETS)
      throw invalidField(
        'interval',
        `the window covers ${buckets} ${interval} buckets, more than the ${MAX_BUCKETS} allowed: narrow from/to or use a longer interval`,
      );
    const rows = await this.repository.series(query.metric, { from: new Date(first), to: new Date(end), interval, signal: query.signal });
    const starts = Array.from({ length: buckets }, (_, index) => first + index * step);
    const present = (values: number[]): Timeseries => ({
      metric: query.metric,
      interval,
      data: starts.map((start, index) => ({ t: new Date(start).toISOString(), value: values[index] })),
    });
    return tenantFigures(
      rows.map((row) => ({ tenantId: row.tenant_id, figures: starts.map((start) => Number(row.buckets[start] ?? 0)) })),
      this.db.crossTenant,
      {
        empty: () => starts.map(() => 0),
        total: (all) => starts.map((_, index) => all.reduce((sum, values) => sum + values[index], 0)),
        present,
      },
    );
  }
}
