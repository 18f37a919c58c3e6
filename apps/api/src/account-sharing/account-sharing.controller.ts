import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnalyticsRoute } from '../analytics/analytics-route.decorator.js';
import { AnalyticsPageQueryDto } from '../analytics/analytics-query.dto.js';
import { AccountSharingService } from './account-sharing.service.js';
import { ReportsFreshness } from '../pipeline/data-freshness.js';

@ApiTags('analytics')
@ReportsFreshness()
@Controller('v1/account-sharing')
export class AccountSharingController {
  constructor(private readonly sharing: AccountSharingService) {}

  @Get()
  @AnalyticsRoute()
  @ApiOperation({
    summary:
      'Users flagged for account sharing in the window (latest incident first) with the fingerprints involved and the evidence: ' +
      'fingerprints seen within one window, or overlapping sessions from places far apart (km). Totals count users and fingerprints.',
  })
  @ApiOkResponse({
    description: '`{totals:{users, fingerprints}, data:[{userId, fingerprints, incidentCount, lastIncidentAt, evidence}], nextCursor, hasMore}`',
  })
  @ApiBadRequestResponse({ description: 'Malformed or inverted window, bad limit or cursor' })
  list(@Query() query: AnalyticsPageQueryDto) {
    return this.sharing.list(query);
  }
}
