import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnalyticsRoute } from '../analytics/analytics-route.decorator.js';
import { IdentityGraphQueryDto } from './dto/identity-graph-query.dto.js';
import { IdentityGraphService, MAX_GRAPH_NODES } from './identity-graph.service.js';
import { ReportsFreshness } from '../pipeline/data-freshness.js';

@ApiTags('analytics')
@ReportsFreshness()
@Controller('v1/identity-graph')
export class IdentityGraphController {
  constructor(private readonly graph: IdentityGraphService) {}

  @Get()
  @AnalyticsRoute()
  @ApiOperation({
    summary:
      `With userId or fingerprint: the users, fingerprints and domainprints within depth hops (1..3, default 2), at most ${MAX_GRAPH_NODES} nodes ` +
      '(truncated:true when cut), edges carrying event counts. Without a seed: clusters of users linked through shared fingerprints or ' +
      'domainprints, largest first, paginated. Over all time.',
  })
  @ApiOkResponse({
    description: '`{nodes, edges, truncated}` with a seed; `{data:[{size, users, fingerprints, domainprints, ...}], nextCursor, hasMore}` without',
  })
  @ApiBadRequestResponse({ description: 'Both seeds, depth outside 1..3 or without a seed, bad limit or cursor' })
  @ApiNotFoundResponse({ description: 'The seed user or fingerprint is unknown' })
  get(@Query() query: IdentityGraphQueryDto) {
    return this.graph.get(query);
  }
}
