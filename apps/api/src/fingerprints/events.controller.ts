import { Body, Controller, Get, HttpCode, Ip, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiBody, ApiOperation, ApiPayloadTooLargeResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, TenantRoute } from '#libs/auth/src/index.js';
import type { Principal } from '#libs/database/src/index.js';
import { EventsQueryDto } from './dto/events-query.dto.js';
import { EVENT_SCHEMA, MAX_BATCH_EVENTS, toOpenApi } from './event-schema.js';
import { EventsService } from './events.service.js';
import { IngestCaller, IngestService } from './ingest.service.js';

const EVENT_BODY = toOpenApi(EVENT_SCHEMA);

/**
 * Ingestion accepts `events:write` tokens (SDK publishable keys pass the Origin gate) and, from the
 * dashboard, admins and owners (platform operators act as owners): an admin can mint an `events:write`
 * token anyway, so the route grants no new power, while editors and viewers cannot inject traffic into
 * the tenant's fraud data.
 */
@ApiTags('events')
@Controller('v1/events')
export class EventsController {
  constructor(
    private readonly ingestion: IngestService,
    private readonly events: EventsService,
  ) {}

  @Post()
  @HttpCode(202)
  @TenantRoute({ minRole: 'admin', scopes: ['events:write'], publishable: true })
  @ApiOperation({ summary: 'Ingests one event; 202 once it is committed. A known eventId is a duplicate, stored once.' })
  @ApiBody({ schema: EVENT_BODY })
  @ApiAcceptedResponse({ description: '`{id}` of the stored event (of the original one for a duplicate)' })
  @ApiBadRequestResponse({ description: 'Names the bad field' })
  @ApiPayloadTooLargeResponse({ description: 'Body over 1 MiB' })
  ingestOne(@Body() body: unknown, @CurrentPrincipal() principal: Principal, @Ip() ip: string) {
    return this.ingestion.ingestOne(body, callerOf(principal, ip));
  }

  @Post('batch')
  @HttpCode(202)
  @TenantRoute({ minRole: 'admin', scopes: ['events:write'], publishable: true })
  @ApiOperation({ summary: `Ingests up to ${MAX_BATCH_EVENTS} events, all or nothing; 202 once committed` })
  @ApiBody({
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['events'],
      properties: { events: { type: 'array', minItems: 1, maxItems: MAX_BATCH_EVENTS, items: EVENT_BODY } },
    },
  })
  @ApiAcceptedResponse({ description: '`{accepted, duplicates}`: newly stored events, and known eventIds skipped' })
  @ApiBadRequestResponse({ description: 'Names the first bad event by index, e.g. `events.3.timestamp ...`' })
  @ApiPayloadTooLargeResponse({ description: 'Body over 1 MiB' })
  ingestBatch(@Body() body: unknown, @CurrentPrincipal() principal: Principal, @Ip() ip: string) {
    return this.ingestion.ingestBatch(body, callerOf(principal, ip));
  }

  @Get()
  @TenantRoute({ minRole: 'viewer', scopes: ['events:read'], crossTenant: true })
  @ApiOperation({ summary: 'Events, newest first unless order=asc; filter by userId, fingerprint, domainprint, domain and a from/to window (default 30 days)' })
  list(@Query() query: EventsQueryDto) {
    return this.events.list(query);
  }
}

function callerOf(principal: Principal, ip: string | undefined): IngestCaller {
  return { publishable: principal.kind === 'token' && principal.tokenKind === 'publishable', requestIp: ip };
}
