import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiOkResponseOneOf } from '#libs/http/src/index.js';
import { ReportsFreshness } from '../pipeline/data-freshness.js';
import { AnalyticsRoute } from './analytics-route.decorator.js';
import { MAX_BUCKETS, TimeseriesAcrossTenantsDto, TimeseriesDto, TimeseriesQueryDto } from './dto/timeseries.dto.js';
import { TimeseriesService } from './timeseries.service.js';

@ApiTags('analytics')
@ReportsFreshness()
@Controller('v1/analytics/timeseries')
export class TimeseriesController {
  constructor(private readonly timeseries: TimeseriesService) {}

  @Get()
  @AnalyticsRoute()
  @ApiOperation({
    operationId: 'getTimeseries',
    summary:
      'One metric per UTC hour or day over a from/to window (default 30 days), every bucket present. ' +
      'Across tenants (superadmin, allTenants=true): {total, byTenant}.',
  })
  @ApiOkResponseOneOf('The tenant’s series; across tenants `{total, byTenant}`', TimeseriesDto, TimeseriesAcrossTenantsDto)
  @ApiErrors({
    status: 400,
    description: `\`validation_failed\`: an unknown metric, interval or signal, a signal on a metric it does not narrow, a malformed or inverted window, or more than ${MAX_BUCKETS} buckets`,
  })
  series(@Query() query: TimeseriesQueryDto) {
    return this.timeseries.series(query);
  }
}
