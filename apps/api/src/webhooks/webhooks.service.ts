import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AuditWriter } from '#libs/audit/src/index.js';
import { outboundPolicy } from '#libs/auth/src/index.js';
import { APP_CONFIG, type AppConfig } from '#libs/config/src/index.js';
import { TenantDatabase } from '#libs/database/src/index.js';
import { ApiException, checkOutboundUrl, CursorCodec, type CursorSpec, type OutboundPolicy, OutboundError, Page } from '#libs/http/src/index.js';
import type { CreateWebhookDto, UpdateWebhookDto } from './dto/webhook.dto.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';
import { mintWebhookSecret, SecretSealer } from './webhook-secrets.js';
import { toDelivery, toEndpoint, type WebhookDelivery, type WebhookEndpoint, type WebhookEndpointRow } from './webhook.types.js';
import { WebhooksRepository } from './webhooks.repository.js';
import { WEBHOOK_SEALER } from './webhooks.tokens.js';

const ENDPOINTS_CURSOR: CursorSpec<['timestamp', 'text']> = { list: 'webhooks', sort: 'createdAt', order: 'desc', positions: ['timestamp', 'text'] };
const DELIVERIES_CURSOR: CursorSpec<['timestamp', 'text']> = { list: 'webhook-deliveries', sort: 'createdAt', order: 'desc', positions: ['timestamp', 'text'] };

/**
 * Webhook endpoints of the request's tenant. URLs are checked against the outbound rules when saved (and
 * again at each delivery); secrets are sealed before they reach the database and shown only in the answer
 * that creates them. Every change and its audit row commit together.
 */
@Injectable()
export class WebhooksService {
  private readonly policy: OutboundPolicy;

  constructor(
    private readonly db: TenantDatabase,
    private readonly webhooks: WebhooksRepository,
    private readonly audit: AuditWriter,
    private readonly cursors: CursorCodec,
    private readonly dispatcher: WebhookDispatcher,
    @Inject(WEBHOOK_SEALER) private readonly sealer: SecretSealer,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.policy = outboundPolicy(config);
  }

  async create(dto: CreateWebhookDto): Promise<WebhookEndpoint & { secret: string }> {
    const url = await this.allowedUrl(dto.url);
    const id = `wh_${randomBytes(16).toString('base64url').slice(0, 22)}`;
    const secret = mintWebhookSecret();
    return this.db.transaction(async () => {
      const row = await this.webhooks.insert({
        id,
        url,
        description: dto.description ?? null,
        events: dto.events,
        enabled: dto.enabled ?? true,
        secretSealed: this.sealer.seal(secret, this.owner(id)),
      });
      await this.audit.record({ operation: 'webhook.create', entityType: 'webhook', entityId: id, details: { url, events: dto.events, enabled: row.enabled } });
      return { ...toEndpoint(row), secret };
    });
  }

  async list(limit: number, cursor?: string): Promise<Page<WebhookEndpoint>> {
    const after = this.cursors.decode(ENDPOINTS_CURSOR, cursor);
    const rows = await this.webhooks.list(after && { createdAt: after[0], id: after[1] }, limit + 1);
    return this.cursors.page(ENDPOINTS_CURSOR, rows, limit, toEndpoint, (row) => [row.created_position, row.id]);
  }

  async get(id: string): Promise<WebhookEndpoint> {
    const row = await this.webhooks.get(id);
    if (!row) throw notFound(id);
    return toEndpoint(row);
  }

  async update(id: string, dto: UpdateWebhookDto): Promise<WebhookEndpoint> {
    const url = dto.url === undefined ? undefined : await this.allowedUrl(dto.url);
    return this.db.transaction(async () => {
      await this.existing(id);
      const row = await this.webhooks.update(id, { url, description: dto.description, events: dto.events, enabled: dto.enabled });
      await this.audit.record({ operation: 'webhook.update', entityType: 'webhook', entityId: id, details: { changes: { ...dto, ...(url ? { url } : {}) } } });
      return toEndpoint(row);
    });
  }

  /** With its deliveries. */
  async remove(id: string): Promise<void> {
    await this.db.transaction(async () => {
      if (!(await this.webhooks.remove(id))) throw notFound(id);
      await this.audit.record({ operation: 'webhook.delete', entityType: 'webhook', entityId: id });
    });
  }

  async rotateSecret(id: string, graceSeconds: number): Promise<{ id: string; secret: string; previousSecretExpiresAt: string | null }> {
    const secret = mintWebhookSecret();
    return this.db.transaction(async () => {
      await this.existing(id);
      const previousExpiresAt = graceSeconds > 0 ? new Date(Date.now() + graceSeconds * 1000) : null;
      const previous = previousExpiresAt ? await this.webhooks.sealedSecret(id) : null;
      await this.webhooks.rotateSecret(id, this.sealer.seal(secret, this.owner(id)), previous, previousExpiresAt);
      const previousSecretExpiresAt = previousExpiresAt?.toISOString() ?? null;
      await this.audit.record({ operation: 'webhook.rotate_secret', entityType: 'webhook', entityId: id, details: { graceSeconds, previousSecretExpiresAt } });
      return { id, secret, previousSecretExpiresAt };
    });
  }

  async test(id: string): Promise<{ deliveryId: string }> {
    const deliveryId = await this.db.transaction(async () => {
      const endpoint = await this.existing(id);
      if (!endpoint.enabled) throw new ApiException(409, 'webhook_disabled', `Webhook ${id} is disabled`);
      const queued = await this.webhooks.enqueueTo(id, 'webhook.test', {
        type: 'webhook.test',
        timestamp: new Date().toISOString(),
        tenantId: this.db.tenantId,
        data: { webhookId: id, message: 'A test delivery' },
      });
      await this.audit.record({ operation: 'webhook.test', entityType: 'webhook', entityId: id, details: { deliveryId: queued } });
      return queued;
    });
    this.dispatcher.nudge();
    return { deliveryId };
  }

  async deliveries(id: string, limit: number, cursor?: string): Promise<Page<WebhookDelivery>> {
    const after = this.cursors.decode(DELIVERIES_CURSOR, cursor);
    if (!(await this.webhooks.get(id))) throw notFound(id);
    const rows = await this.webhooks.deliveries(id, after && { createdAt: after[0], id: after[1] }, limit + 1);
    return this.cursors.page(DELIVERIES_CURSOR, rows, limit, toDelivery, (row) => [row.created_position, row.id]);
  }

  async retry(id: string, deliveryId: string): Promise<WebhookDelivery> {
    const delivery = await this.db.transaction(async () => {
      const row = await this.webhooks.retry(id, deliveryId);
      if (!row) throw new NotFoundException(`Delivery ${deliveryId} of webhook ${id} not found`);
      await this.audit.record({ operation: 'webhook.retry', entityType: 'webhook', entityId: id, details: { deliveryId } });
      return toDelivery(row);
    });
    this.dispatcher.nudge();
    return delivery;
  }

  private async allowedUrl(raw: string): Promise<string> {
    try {
      return (await checkOutboundUrl(raw, this.policy)).url.toString();
    } catch (error) {
      if (error instanceof OutboundError) throw new ApiException(400, 'url_not_allowed', `url is not allowed: ${error.message}`);
      throw error;
    }
  }

  private async existing(id: string): Promise<WebhookEndpointRow> {
    const row = await this.webhooks.lockAndGet(id);
    if (!row) throw notFound(id);
    return row;
  }

  /** What a sealed secret is bound to: its tenant and endpoint. */
  private owner(id: string): string {
    return `${this.db.tenantId}/${id}`;
  }
}

function notFound(id: string): NotFoundException {
  return new NotFoundException(`Webhook ${id} not found`);
}
