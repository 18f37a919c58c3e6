import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnalyticsRoute } from '../analytics/analytics-route.decorator.js';
import { AttributionService } from './attribution.service.js';
import { AttributionQueryDto } from './dto/attribution-query.dto.js';
import { ReportsFreshness } from '../pipeline/data-freshness.js';

@ApiTags('analytics')
@ReportsFreshness()
@Controller('v1/attribution/stats')
export class AttributionController {
  constructor(private readonly attribution: AttributionService) {}

  @Get()
  @AnalyticsRoute()
  @ApiOperation({
    summary:
      'Per campaign source, medium or name (groupBy): visits and unique users in the window, signups and purchases in the window by last ' +
      'touch (the user’s latest campaign event at or before the conversion), conversion rate, first- and last-touch conversions.',
  })
  @ApiOkResponse({
    description: '`{data:[{<groupBy>, visits, uniqueUsers, signups, purchases, conversionRate, firstTouchConversions, lastTouchConversions}]}`',
  })
  @ApiBadRequestResponse({ description: 'Unknown groupBy, malformed or inverted window' })
  stats(@Query() query: AttributionQueryDto) {
    return this.attribution.stats(query);
  }
}
