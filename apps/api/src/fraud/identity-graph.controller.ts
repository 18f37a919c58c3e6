import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiOkResponseOneOf } from '#libs/http/src/index.js';
import { AnalyticsRoute } from '../analytics/analytics-route.decorator.js';
import { IdentityClusterPageDto, IdentityGraphDto } from './dto/fraud-responses.dto.js';
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
    operationId: 'getIdentityGraph',
    summary:
      `With userId or fingerprint: the users, fingerprints and domainprints within depth hops (1..3, default 2), at most ${MAX_GRAPH_NODES} nodes ` +
      '(truncated:true when cut), edges carrying event counts. Without a seed: clusters of users linked through shared fingerprints or ' +
      'domainprints, largest first, paginated. Over all time.',
  })
  @ApiOkResponseOneOf('`{nodes, edges, truncated}` with a seed; a page of clusters without', IdentityGraphDto, IdentityClusterPageDto)
  get(@Query() query: IdentityGraphQueryDto) {
    return this.graph.get(query);
  }
}
