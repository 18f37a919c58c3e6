import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnalyticsRoute } from '../analytics/analytics-route.decorator.js';
import { FraudStatsQueryDto } from './dto/fraud-stats-query.dto.js';
import { FraudStatsService } from './fraud-stats.service.js';
import { ReportsFreshness } from '../pipeline/data-freshness.js';

@ApiTags('analytics')
@ReportsFreshness()
@Controller('v1/fraud/stats')
export class FraudStatsController {
  constructor(private readonly fraud: FraudStatsService) {}

  @Get()
  @AnalyticsRoute()
  @ApiOperation({
    summary:
      'Users by risk level and per signal, the riskiest users and impossible-travel incidents, over a from/to window (default 30 days). ' +
      'Across tenants (superadmin, allTenants=true): {total, byTenant}.',
  })
  @ApiOkResponse({ description: '`{riskLevels, signals, topRiskyUsers, impossibleTravel}` (counts are users)' })
  @ApiBadRequestResponse({ description: 'Malformed or inverted window, bad limit' })
  stats(@Query() query: FraudStatsQueryDto) {
    return this.fraud.stats(query);
  }
}
