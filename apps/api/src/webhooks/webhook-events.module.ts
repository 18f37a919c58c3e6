import { Module } from '@nestjs/common';
import { PipelineWebhookEvents } from './pipeline-webhook-events.js';
import { WebhooksRepository } from './webhooks.repository.js';

/** The outbox's side the event pipeline drives: the events a chunk causes, queued in its transaction. */
@Module({ providers: [PipelineWebhookEvents, WebhooksRepository], exports: [PipelineWebhookEvents] })
export class WebhookEventsModule {}
