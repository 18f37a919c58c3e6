import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AuditAction } from '#libs/audit/src/index.js';
import { TenantRoute } from '#libs/auth/src/index.js';
import { ApiErrors, ApiJsonBody, DEFAULT_PAGE_SIZE, PageQueryDto } from '#libs/http/src/index.js';
import { Idempotent } from '#libs/idempotency/src/index.js';
import {
  CreatedWebhookDto,
  CreateWebhookDto,
  QueuedDeliveryDto,
  RotatedWebhookSecretDto,
  RotateWebhookSecretDto,
  UpdateWebhookDto,
  WebhookDeliveryDto,
  WebhookDeliveryPageDto,
  WebhookEndpointDto,
  WebhookEndpointPageDto,
} from './dto/webhook.dto.js';
import { ParseDeliveryIdPipe, ParseWebhookIdPipe } from './webhook-id.pipe.js';
import { WebhooksService } from './webhooks.service.js';

const WEBHOOK_ID = { name: 'id', description: 'The webhook id (`wh_...`), from GET /v1/webhooks', example: 'wh_3q2S0VbXk9mWq7cF1aB2cD' };
const URL_REFUSED = { status: 400, description: '`validation_failed`, or `url_not_allowed`: the URL breaks the outbound rules' };

@ApiTags('webhooks')
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @TenantRoute({ minRole: 'admin' })
  @Idempotent()
  @AuditAction({ operation: 'webhook.create', entityType: 'webhook' })
  @ApiOperation({ operationId: 'createWebhook', summary: 'Registers a webhook endpoint; its signing `secret` is in this response only' })
  @ApiJsonBody(CreateWebhookDto, { url: 'http://127.0.0.1:9/hooks', events: ['audit.appended', 'member.added'], description: 'Security log stream' })
  @ApiCreatedResponse({ type: CreatedWebhookDto })
  @ApiErrors(URL_REFUSED)
  create(@Body() body: CreateWebhookDto) {
    return this.webhooks.create(body);
  }

  @Get()
  @TenantRoute({ minRole: 'admin' })
  @ApiOperation({ operationId: 'listWebhooks', summary: "The tenant's webhook endpoints, newest first, without secrets" })
  @ApiOkResponse({ type: WebhookEndpointPageDto })
  list(@Query() query: PageQueryDto) {
    return this.webhooks.list(query.limit ?? DEFAULT_PAGE_SIZE, query.cursor);
  }

  @Get(':id')
  @TenantRoute({ minRole: 'admin' })
  @ApiOperation({ operationId: 'getWebhook', summary: 'One webhook endpoint, without its secret' })
  @ApiParam(WEBHOOK_ID)
  @ApiOkResponse({ type: WebhookEndpointDto })
  @ApiErrors(404)
  get(@Param('id', ParseWebhookIdPipe) id: string) {
    return this.webhooks.get(id);
  }

  @Patch(':id')
  @TenantRoute({ minRole: 'admin' })
  @AuditAction({ operation: 'webhook.update', entityType: 'webhook', entityIdParam: 'id' })
  @ApiOperation({ operationId: 'updateWebhook', summary: 'Changes an endpoint; `enabled: true` re-enables one the service disabled' })
  @ApiParam(WEBHOOK_ID)
  @ApiJsonBody(UpdateWebhookDto, { description: 'Security log stream (SIEM)', enabled: true })
  @ApiOkResponse({ type: WebhookEndpointDto })
  @ApiErrors(URL_REFUSED, 404)
  update(@Param('id', ParseWebhookIdPipe) id: string, @Body() body: UpdateWebhookDto) {
    return this.webhooks.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @TenantRoute({ minRole: 'admin' })
  @AuditAction({ operation: 'webhook.delete', entityType: 'webhook', entityIdParam: 'id' })
  @ApiOperation({ operationId: 'deleteWebhook', summary: 'Deletes an endpoint and its deliveries' })
  @ApiParam(WEBHOOK_ID)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(404)
  async remove(@Param('id', ParseWebhookIdPipe) id: string): Promise<void> {
    await this.webhooks.remove(id);
  }

  @Post(':id/rotate-secret')
  @TenantRoute({ minRole: 'admin' })
  @Idempotent()
  @AuditAction({ operation: 'webhook.rotate_secret', entityType: 'webhook', entityIdParam: 'id' })
  @ApiOperation({ operationId: 'rotateWebhookSecret', summary: 'A new signing secret; during graceSeconds each delivery carries signatures with both' })
  @ApiParam(WEBHOOK_ID)
  @ApiJsonBody(RotateWebhookSecretDto, { graceSeconds: 86400 })
  @ApiCreatedResponse({ type: RotatedWebhookSecretDto })
  @ApiErrors(404)
  rotateSecret(@Param('id', ParseWebhookIdPipe) id: string, @Body() body: RotateWebhookSecretDto) {
    return this.webhooks.rotateSecret(id, body.graceSeconds ?? 0);
  }

  @Post(':id/test')
  @HttpCode(202)
  @TenantRoute({ minRole: 'admin' })
  @AuditAction({ operation: 'webhook.test', entityType: 'webhook', entityIdParam: 'id' })
  @ApiOperation({ operationId: 'testWebhook', summary: 'Queues a `webhook.test` delivery to this endpoint' })
  @ApiParam(WEBHOOK_ID)
  @ApiAcceptedResponse({ type: QueuedDeliveryDto })
  @ApiErrors(404, { status: 409, description: '`webhook_disabled`: enable the endpoint first' })
  test(@Param('id', ParseWebhookIdPipe) id: string) {
    return this.webhooks.test(id);
  }

  @Get(':id/deliveries')
  @TenantRoute({ minRole: 'admin' })
  @ApiOperation({ operationId: 'listWebhookDeliveries', summary: "The endpoint's deliveries, newest first" })
  @ApiParam(WEBHOOK_ID)
  @ApiOkResponse({ type: WebhookDeliveryPageDto })
  @ApiErrors(404)
  deliveries(@Param('id', ParseWebhookIdPipe) id: string, @Query() query: PageQueryDto) {
    return this.webhooks.deliveries(id, query.limit ?? DEFAULT_PAGE_SIZE, query.cursor);
  }

  @Post(':id/deliveries/:deliveryId/retry')
  @HttpCode(202)
  @TenantRoute({ minRole: 'admin' })
  @AuditAction({ operation: 'webhook.retry', entityType: 'webhook', entityIdParam: 'id' })
  @ApiOperation({ operationId: 'retryWebhookDelivery', summary: 'One more attempt of the delivery, now (a failed delivery gets no automatic retry after it)' })
  @ApiParam(WEBHOOK_ID)
  @ApiParam({ name: 'deliveryId', description: 'From the deliveries list', example: 'msg_0f8c7e6d5b4a39281706f5e4d3c2b1a0' })
  @ApiAcceptedResponse({ type: WebhookDeliveryDto })
  @ApiErrors(404)
  retry(@Param('id', ParseWebhookIdPipe) id: string, @Param('deliveryId', ParseDeliveryIdPipe) deliveryId: string) {
    return this.webhooks.retry(id, deliveryId);
  }
}
