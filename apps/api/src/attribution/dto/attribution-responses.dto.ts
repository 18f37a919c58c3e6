import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { count } from '#libs/http/src/index.js';

export class AttributionRowDto {
  @ApiPropertyOptional({ description: 'The campaign source (groupBy=source)' }) source?: string;
  @ApiPropertyOptional({ description: 'The campaign medium (groupBy=medium)' }) medium?: string;
  @ApiPropertyOptional({ description: 'The campaign name (groupBy=campaign)' }) campaign?: string;
  @ApiProperty(count('Events carrying a campaign of the group')) visits: number;
  @ApiProperty(count()) uniqueUsers: number;
  @ApiProperty(count('Signups attributed by last touch')) signups: number;
  @ApiProperty(count('Purchases attributed by last touch')) purchases: number;
  @ApiProperty({ minimum: 0, maximum: 1, description: 'Converting users / uniqueUsers, rounded to 4 decimals' }) conversionRate: number;
  @ApiProperty(count()) firstTouchConversions: number;
  @ApiProperty(count()) lastTouchConversions: number;
}

export class AttributionStatsDto {
  @ApiProperty({ type: [AttributionRowDto], description: 'Most visits first' }) data: AttributionRowDto[];
}

export class TenantAttributionStatsDto extends AttributionStatsDto {
  @ApiProperty() tenantId: string;
}

export class AttributionAcrossTenantsDto {
  @ApiProperty({ type: AttributionStatsDto }) total: AttributionStatsDto;
  @ApiProperty({ type: [TenantAttributionStatsDto], description: 'Each tenant’s rows, in tenant id order' }) byTenant: TenantAttributionStatsDto[];
}
