import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { DecimalInteger } from '#libs/http/src/index.js';
import { AnalyticsWindowQueryDto } from '../../analytics/analytics-query.dto.js';

export const DEFAULT_TOP = 10;
export const MAX_TOP = 100;

export class FraudStatsQueryDto extends AnalyticsWindowQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_TOP, default: DEFAULT_TOP, description: 'Entries in topRiskyUsers and in impossibleTravel' })
  @IsOptional()
  @DecimalInteger(1, MAX_TOP)
  limit?: number;
}
