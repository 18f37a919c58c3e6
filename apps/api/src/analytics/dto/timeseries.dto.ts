import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { count, dateTime } from '#libs/http/src/index.js';
import { type Signal, SIGNALS } from '../../signals/risk.js';
import { AnalyticsWindowQueryDto } from '../analytics-query.dto.js';

export const METRICS = ['events', 'new_users', 'incidents', 'risky_users'] as const;
export type Metric = (typeof METRICS)[number];
export const INTERVALS = ['hour', 'day'] as const;
export type Interval = (typeof INTERVALS)[number];
/** Metrics a `signal` narrows. */
export const SIGNAL_METRICS: readonly Metric[] = ['incidents', 'risky_users'];
export const MAX_BUCKETS = 1000;

export class TimeseriesQueryDto extends AnalyticsWindowQueryDto {
  @ApiProperty({
    enum: METRICS,
    enumName: 'TimeseriesMetric',
    example: 'events',
    description:
      '`events` by event time; `new_users`: users whose first event falls in the bucket; `incidents` by first-seen time (dismissed ones included); ' +
      '`risky_users`: flagged users, each once, in the bucket of its latest signal occurrence outside dismissed incidents',
  })
  @IsIn(METRICS)
  metric: Metric;

  @ApiPropertyOptional({ enum: INTERVALS, enumName: 'TimeseriesInterval', default: 'day', description: 'Bucket size, aligned in UTC' })
  @IsOptional()
  @IsIn(INTERVALS)
  interval?: Interval;

  @ApiPropertyOptional({ enum: SIGNALS, enumName: 'Signal', description: 'Only incidents of this signal (metrics `incidents` and `risky_users`)' })
  @IsOptional()
  @IsIn(SIGNALS)
  signal?: Signal;
}

export class TimeseriesPointDto {
  @ApiProperty(dateTime('The bucket’s start (UTC)')) t: string;
  @ApiProperty(count()) value: number;
}

export class TimeseriesDto {
  @ApiProperty({ enum: METRICS, enumName: 'TimeseriesMetric' }) metric: Metric;
  @ApiProperty({ enum: INTERVALS, enumName: 'TimeseriesInterval' }) interval: Interval;
  @ApiProperty({
    type: [TimeseriesPointDto],
    description: `Every bucket from the one holding \`from\` to the one holding the end of the window, zeros included (at most ${MAX_BUCKETS})`,
  })
  data: TimeseriesPointDto[];
}

export class TenantTimeseriesDto extends TimeseriesDto {
  @ApiProperty() tenantId: string;
}

export class TimeseriesAcrossTenantsDto {
  @ApiProperty({ type: TimeseriesDto, description: 'Each bucket summed over the tenants' }) total: TimeseriesDto;
  @ApiProperty({ type: [TenantTimeseriesDto], description: 'Each tenant’s series, in tenant id order' }) byTenant: TenantTimeseriesDto[];
}
