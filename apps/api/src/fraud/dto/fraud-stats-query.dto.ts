import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { AnalyticsWindowQueryDto } from '../../analytics/analytics-query.dto.js';

export const DEFAULT_TOP = 10;
export const MAX_TOP = 100;

export class FraudStatsQueryDto extends AnalyticsWindowQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_TOP, default: DEFAULT_TOP, description: 'Entries in topRiskyUsers and in impossibleTravel' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_TOP)
  limit?: number;
}
