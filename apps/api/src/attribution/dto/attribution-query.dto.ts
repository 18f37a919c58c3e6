import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { AnalyticsWindowQueryDto } from '../../analytics/analytics-query.dto.js';

export const GROUP_BY = ['source', 'medium', 'campaign'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

export class AttributionQueryDto extends AnalyticsWindowQueryDto {
  @ApiPropertyOptional({ enum: GROUP_BY, default: 'source', description: 'Campaign field each row stands for (campaign = the campaign name)' })
  @IsOptional()
  @IsIn(GROUP_BY)
  groupBy?: GroupBy;
}
