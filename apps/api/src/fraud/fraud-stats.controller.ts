import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiOkResponseOneOf } from '#libs/http/src/index.js';
import { AnalyticsRoute } from '../analytics/analytics-route.decorator.js';
import { FraudStatsAcrossTenantsDto, FraudStatsDto } from './dto/fraud-responses.dto.js';
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
    operationId: 'getFraudStats',
    summary:
      'Users by risk level and per signal, the riskiest users and impossible-travel incidents, over a from/to window (default 30 days). ' +
      'Across tenants (superadmin, allTenants=true): {total, byTenant}.',
  })
  @ApiOkResponseOneOf('The tenant’s figures (counts are users); across tenants `{total, byTenant}`', FraudStatsDto, FraudStatsAcrossTenantsDto)
  stats(@Query() query: FraudStatsQueryDto) {
    return this.fraud.stats(query);
  }
}
