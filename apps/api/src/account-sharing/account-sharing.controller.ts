import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnalyticsRoute } from '../analytics/analytics-route.decorator.js';
import { AnalyticsPageQueryDto } from '../analytics/analytics-query.dto.js';
import { AccountSharingService } from './account-sharing.service.js';
import { AccountSharingPageDto } from './dto/account-sharing-responses.dto.js';
import { ReportsFreshness } from '../pipeline/data-freshness.js';

@ApiTags('analytics')
@ReportsFreshness()
@Controller('v1/account-sharing')
export class AccountSharingController {
  constructor(private readonly sharing: AccountSharingService) {}

  @Get()
  @AnalyticsRoute()
  @ApiOperation({
    operationId: 'listAccountSharing',
    summary:
      'Users flagged for account sharing in the window (latest incident first; dismissed incidents left out, as in risk) with the fingerprints involved and the evidence: ' +
      'fingerprints seen within one window, or overlapping sessions from places far apart (km). Totals count users and fingerprints.',
  })
  @ApiOkResponse({ type: AccountSharingPageDto })
  list(@Query() query: AnalyticsPageQueryDto) {
    return this.sharing.list(query);
  }
}
