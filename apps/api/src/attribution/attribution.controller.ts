import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiOkResponseOneOf } from '#libs/http/src/index.js';
import { AnalyticsRoute } from '../analytics/analytics-route.decorator.js';
import { AttributionService } from './attribution.service.js';
import { AttributionQueryDto } from './dto/attribution-query.dto.js';
import { AttributionAcrossTenantsDto, AttributionStatsDto } from './dto/attribution-responses.dto.js';
import { ReportsFreshness } from '../pipeline/data-freshness.js';

@ApiTags('analytics')
@ReportsFreshness()
@Controller('v1/attribution/stats')
export class AttributionController {
  constructor(private readonly attribution: AttributionService) {}

  @Get()
  @AnalyticsRoute()
  @ApiOperation({
    operationId: 'getAttributionStats',
    summary:
      'Per campaign source, medium or name (groupBy): visits and unique users in the window, signups and purchases in the window by last ' +
      'touch (the user’s latest campaign event at or before the conversion), conversion rate, first- and last-touch conversions.',
  })
  @ApiOkResponseOneOf(
    '`{data:[...]}`, one row per value of groupBy (in the field of that name); across tenants `{total, byTenant}`',
    AttributionStatsDto,
    AttributionAcrossTenantsDto,
  )
  stats(@Query() query: AttributionQueryDto) {
    return this.attribution.stats(query);
  }
}
