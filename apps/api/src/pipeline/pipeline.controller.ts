import { applyDecorators, Body, Controller, Get, HttpCode, Post, Res, type Type, UseInterceptors } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { TenantRoute } from '#libs/auth/src/index.js';
import { ApiErrors } from '#libs/http/src/index.js';
import { BatchAcceptedDto, EventAcceptedDto, PipelineStatusDto } from '../fingerprints/dto/event-responses.dto.js';
import { EVENT_SCHEMA, MAX_BATCH_EVENTS, toOpenApi } from '../fingerprints/event-schema.js';
import { IngestAdmission } from './ingest-admission.js';
import { IngestRequest, type IngestRequestInfo } from './ingest-request.decorator.js';
import { IngestService } from './ingest.service.js';
import { PipelineStatus, PipelineStatusService } from './pipeline-status.service.js';

const EVENT_BODY = toOpenApi(EVENT_SCHEMA);

/** Sent as it is, it is a new event each time (no eventId, no timestamp), and a publishable key may send it too (no ip). */
const EXAMPLE_EVENT = {
  fingerprint: 'fp_8c1d2e4f',
  domainprint: 'dp_51aa09',
  userId: 'user_42',
  domain: 'shop.example.com',
  url: 'https://shop.example.com/login',
  eventType: 'login',
  geo: { lat: 48.8566, lon: 2.3522, country: 'FR', city: 'Paris' },
  campaign: { source: 'newsletter', medium: 'email', name: 'spring_sale' },
  sessionId: 'sess_7f3a',
};

/** The gate and the documentation both ingest routes share. */
function IngestRoute(doc: {
  operationId: string;
  summary: string;
  body: Record<string, unknown>;
  example: Record<string, unknown>;
  answer: Type<unknown>;
  accepted: string;
  badRequest: string;
}) {
  return applyDecorators(
    HttpCode(202),
    TenantRoute({ minRole: 'admin', scopes: ['events:write'], publishable: true }),
    UseInterceptors(IngestAdmission),
    ApiOperation({ operationId: doc.operationId, summary: doc.summary }),
    ApiHeader({
      name: 'Prefer',
      required: false,
      description: '`wait=N` (seconds, at most 30): answer 200 with `processed:true` once these events are processed, or 202 `processed:false` after N s',
    }),
    ApiBody({ schema: doc.body, examples: { example: { summary: 'A request that succeeds as it is', value: doc.example } } }),
    ApiAcceptedResponse({ type: doc.answer, description: doc.accepted }),
    ApiOkResponse({ type: doc.answer, description: 'With `Prefer: wait=N`, once processed: the same body plus `processed: true`' }),
    // After TenantRoute, so these descriptions replace its generic ones.
    ApiErrors({ status: 400, description: `\`validation_failed\`: ${doc.badRequest}` }, 408, 413, 415, {
      status: 503,
      description:
        '`backlog_full`: too many of the tenant’s events wait to be processed; `tenant_busy`: too many of its requests wait for a turn (both with Retry-After); or the database is unreachable',
    }),
  );
}

/**
 * Ingestion accepts `events:write` tokens (SDK publishable keys pass the Origin gate) and, from the
 * dashboard, admins and owners (platform operators act as owners): an admin can mint an `events:write`
 * token anyway, so the route grants no new power, while editors and viewers cannot inject traffic into
 * the tenant's fraud data.
 */
@ApiTags('events')
@Controller('v1/events')
export class PipelineController {
  constructor(
    private readonly ingestion: IngestService,
    private readonly status: PipelineStatusService,
  ) {}

  @Post()
  @IngestRoute({
    operationId: 'ingestEvent',
    summary: 'Accepts one event; 202 once it is committed (processed shortly after). A known eventId is a duplicate, stored once.',
    body: EVENT_BODY,
    example: EXAMPLE_EVENT,
    answer: EventAcceptedDto,
    accepted: '`{id}`: the eventId (generated when absent)',
    badRequest: 'Names the bad field',
  })
  ingestOne(@Body() body: unknown, @IngestRequest() request: IngestRequestInfo, @Res({ passthrough: true }) res: Response) {
    return answered(res, request.wait, this.ingestion.ingestOne(body, request.caller, request.wait));
  }

  @Post('batch')
  @IngestRoute({
    operationId: 'ingestEventBatch',
    summary: `Accepts up to ${MAX_BATCH_EVENTS} events, all or nothing; 202 once committed (processed shortly after)`,
    body: {
      type: 'object',
      additionalProperties: false,
      required: ['events'],
      properties: { events: { type: 'array', minItems: 1, maxItems: MAX_BATCH_EVENTS, items: EVENT_BODY } },
    },
    example: { events: [EXAMPLE_EVENT, { ...EXAMPLE_EVENT, url: 'https://shop.example.com/checkout', eventType: 'purchase' }] },
    answer: BatchAcceptedDto,
    accepted: '`{accepted, duplicates}`: newly accepted events, and eventIds repeated in the batch or accepted before',
    badRequest: 'Names the first bad event by index, e.g. `events.3.timestamp ...`',
  })
  ingestBatch(@Body() body: unknown, @IngestRequest() request: IngestRequestInfo, @Res({ passthrough: true }) res: Response) {
    return answered(res, request.wait, this.ingestion.ingestBatch(body, request.caller, request.wait));
  }

  @Get('pipeline')
  @TenantRoute({ minRole: 'viewer', scopes: ['events:read'] })
  @ApiOperation({
    operationId: 'getPipelineStatus',
    summary: "The tenant's pipeline: events waiting, the oldest one's arrival, lag, processed-through time and dead letters",
  })
  @ApiOkResponse({ type: PipelineStatusDto })
  pipeline(): Promise<PipelineStatus> {
    return this.status.status();
  }
}

/** With a wait preference: echoed, and 200 when the events were processed in time. */
async function answered<T extends { processed?: boolean }>(res: Response, wait: number, pending: Promise<T>): Promise<T> {
  const result = await pending;
  if (wait > 0) {
    res.setHeader('Preference-Applied', `wait=${wait}`);
    if (result.processed) res.status(200);
  }
  return result;
}
