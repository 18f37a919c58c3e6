import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#libs/config/src/index.js';
import { WebhookDispatchRepository } from './webhook-dispatch.repository.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';
import { WebhookOutbox } from './webhook-outbox.js';
import { SecretSealer } from './webhook-secrets.js';
import { WebhooksController } from './webhooks.controller.js';
import { WebhooksRepository } from './webhooks.repository.js';
import { WebhooksService } from './webhooks.service.js';
import { WEBHOOK_SEALER } from './webhooks.tokens.js';

/**
 * Webhooks: endpoints and their secrets, the outbox (deliveries queued with the audit row of each change)
 * and the dispatcher that sends it.
 */
@Module({
  controllers: [WebhooksController],
  providers: [
    { provide: WEBHOOK_SEALER, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new SecretSealer(config.webhookEncryptionKey) },
    WebhooksService,
    WebhooksRepository,
    WebhookDispatchRepository,
    WebhookDispatcher,
    WebhookOutbox,
  ],
})
export class WebhooksModule {}
