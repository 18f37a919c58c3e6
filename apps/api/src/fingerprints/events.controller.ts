import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TenantRoute } from '#libs/auth/src/index.js';
import { AcceptedExportFormat, ExportOperation, type ExportFormat } from '#libs/http/src/index.js';
import { EventDto, EventPageDto } from './dto/event-responses.dto.js';
import { EventsExportQueryDto, EventsQueryDto } from './dto/events-query.dto.js';
import { EventsService } from './events.service.js';

/** The event store's reads (accepting events is the pipeline's: see PipelineController). */
@ApiTags('events')
@Controller('v1/events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Get()
  @TenantRoute({ minRole: 'viewer', scopes: ['events:read'], crossTenant: true })
  @ApiOkResponse({ type: EventPageDto })
  @ApiOperation({
    operationId: 'listEvents',
    summary: 'Events, newest first unless order=asc; filter by userId, fingerprint, domainprint, domain and a from/to window (default 30 days)',
  })
  list(@Query() query: EventsQueryDto) {
    return this.events.list(query);
  }

  @Get('export')
  @TenantRoute({ minRole: 'viewer', scopes: ['events:read'] })
  @ExportOperation('exportEvents', 'Every event the list would page through (same filters and order), streamed from one snapshot', EventDto)
  export(@Query() query: EventsExportQueryDto, @AcceptedExportFormat() format: ExportFormat) {
    return this.events.export(query, format);
  }
}
