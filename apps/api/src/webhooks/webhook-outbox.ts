import { Injectable, OnModuleInit } from '@nestjs/common';
import { type AuditRecord, AuditWriter } from '#libs/audit/src/index.js';
import { TenantDatabase } from '#libs/database/src/index.js';
import { RISK_EVENTS } from './pipeline-webhook-events.js';
import type { WebhookEventType } from './webhook.types.js';
import { WebhooksRepository } from './webhooks.repository.js';

/** Audit operations that are also a typed event, when they succeed and carry their resource. */
const TYPED_OPERATIONS: Record<string, (record: AuditRecord) => WebhookEventType | undefined> = {
  'member.upsert': (record) => (record.details.previousRole === null ? 'member.added' : undefined),
  'member.remove': () => 'member.removed',
  'token.create': () => 'token.created',
  'token.revoke': () => 'token.revoked',
  'user.update': () => 'user.updated',
  'incident.update': () => 'incident.updated',
};

/**
 * The outbox's producer. Every change the API makes writes an audit row in its transaction; this hook,
 * run by the audit writer right after the row, queues the deliveries it causes in the same transaction:
 * `audit.appended` for every row of the tenant's chain (the row as GET /v1/audit answers it), and the
 * typed event of the change, whose data is the resource the change handed to the audit writer, as the API
 * answers it. A change that rolls back takes its deliveries with it; one that commits cannot lose them.
 * A triage that changes whether an incident counts in risk also queues the risk levels it changed.
 */
@Injectable()
export class WebhookOutbox implements OnModuleInit {
  constructor(
    private readonly audit: AuditWriter,
    private readonly webhooks: WebhooksRepository,
    private readonly db: TenantDatabase,
  ) {}

  onModuleInit(): void {
    this.audit.onAppend((record, resource) => this.appended(record, resource));
  }

  private async appended(record: AuditRecord, resource: object | undefined): Promise<void> {
    const events = [this.event('audit.appended', { ...record }, record.at)];
    const typed = record.outcome === 'ok' && resource ? TYPED_OPERATIONS[record.operation]?.(record) : undefined;
    if (typed) events.push(this.event(typed, resource!, record.at));
    await this.webhooks.enqueue(events);
    // The triage recorded the risk scores it changed (SignalEngine.beforeTriage): one statement for all its users.
    if (typed === 'incident.updated') await this.webhooks.enqueueSet(RISK_EVENTS, record.at);
  }

  private event(type: WebhookEventType, data: object, timestamp: string) {
    return { type, payload: { type, timestamp, tenantId: this.db.tenantId, data } };
  }
}
