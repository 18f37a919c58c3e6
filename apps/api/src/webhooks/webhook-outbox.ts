import { Injectable, OnModuleInit } from '@nestjs/common';
import { type AuditRecord, AuditWriter } from '#libs/audit/src/index.js';
import { TenantDatabase } from '#libs/database/src/index.js';
import type { WebhookEventType } from './webhook.types.js';
import { WebhooksRepository } from './webhooks.repository.js';

/** Audit operations that are also a typed event, when they succeed. */
const TYPED_OPERATIONS: Record<string, (record: AuditRecord) => WebhookEventType | undefined> = {
  'member.upsert': (record) => (record.details.previousRole === null ? 'member.added' : undefined),
  'member.remove': () => 'member.removed',
  'token.create': () => 'token.created',
  'token.revoke': (record) => (record.details.alreadyRevoked === true ? undefined : 'token.revoked'),
  'user.update': () => 'user.updated',
  'incident.update': () => 'incident.updated',
};

/**
 * The outbox's producer. Every change the API makes writes an audit row in its transaction; this hook,
 * run by the audit writer right after the row, queues the deliveries it causes in the same transaction:
 * `audit.appended` for every row of the tenant's chain, and the typed event of the change. A change that
 * rolls back takes its deliveries with it; one that commits cannot lose them.
 */
@Injectable()
export class WebhookOutbox implements OnModuleInit {
  constructor(
    private readonly audit: AuditWriter,
    private readonly webhooks: WebhooksRepository,
    private readonly db: TenantDatabase,
  ) {}

  onModuleInit(): void {
    this.audit.onAppend((record) => this.appended(record));
  }

  /** Queues `type` with `data` for the bound tenant's subscribed endpoints, in the caller's transaction. */
  async emit(type: WebhookEventType, data: Record<string, unknown>, timestamp = new Date().toISOString()): Promise<void> {
    await this.webhooks.enqueue([this.event(type, data, timestamp)]);
  }

  private async appended(record: AuditRecord): Promise<void> {
    const events = [this.event('audit.appended', { ...record }, record.at)];
    const typed = record.outcome === 'ok' ? TYPED_OPERATIONS[record.operation]?.(record) : undefined;
    if (typed) events.push(this.event(typed, { id: record.entityId, ...record.details }, record.at));
    await this.webhooks.enqueue(events);
  }

  private event(type: WebhookEventType, data: Record<string, unknown>, timestamp: string) {
    return { type, payload: { type, timestamp, tenantId: this.db.tenantId, data } };
  }
}
