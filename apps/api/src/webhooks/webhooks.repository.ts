import { Injectable } from '@nestjs/common';
import { cursorTimestamp, TenantScopedRepository } from '#libs/database/src/index.js';
import type { ChangeLog } from '../pipeline/event-projection.js';
import { DELIVERY_COLUMNS, ENDPOINT_COLUMNS, type WebhookDeliveryRow, type WebhookEndpointRow } from './webhook.types.js';

export interface NewEndpoint {
  id: string;
  url: string;
  description: string | null;
  events: string[];
  enabled: boolean;
  secretSealed: Buffer;
}

export interface EndpointChange {
  url?: string;
  description?: string | null;
  events?: string[];
  enabled?: boolean;
}

type Positioned<T> = T & { created_position: string };

/** A new delivery's id: also its `webhook-id`, the same on every attempt, so receivers can drop duplicates. */
const NEW_DELIVERY_ID = `'msg_' || replace(gen_random_uuid()::text, '-', '')`;

/** Endpoints and the outbox of deliveries (`webhook_endpoints`, `webhook_deliveries`), on the bound tenant. */
@Injectable()
export class WebhooksRepository extends TenantScopedRepository {
  async insert(endpoint: NewEndpoint): Promise<WebhookEndpointRow> {
    const [row] = await this.scoped<WebhookEndpointRow>(
      `INSERT INTO webhook_endpoints (tenant_id, id, url, description, events, enabled, secret_sealed)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${ENDPOINT_COLUMNS}`,
      [endpoint.id, endpoint.url, endpoint.description, endpoint.events, endpoint.enabled, endpoint.secretSealed],
    );
    return row;
  }

  list(after: { createdAt: string; id: string } | undefined, limit: number): Promise<Array<Positioned<WebhookEndpointRow>>> {
    return this.scoped(
      `SELECT ${ENDPOINT_COLUMNS}, ${cursorTimestamp('created_at')} AS created_position FROM webhook_endpoints
       WHERE tenant_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) < ($2, $3))
       ORDER BY created_at DESC, id DESC LIMIT $4`,
      [after?.createdAt ?? null, after?.id ?? null, limit],
    );
  }

  /** Locks the endpoint until the transaction ends, so changes to one endpoint run one at a time. */
  lockAndGet(id: string): Promise<WebhookEndpointRow | undefined> {
    return this.scopedOne<WebhookEndpointRow>(`SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [id]);
  }

  get(id: string): Promise<WebhookEndpointRow | undefined> {
    return this.scopedOne<WebhookEndpointRow>(`SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE tenant_id = $1 AND id = $2`, [id]);
  }

  async update(id: string, change: EndpointChange): Promise<WebhookEndpointRow> {
    const [row] = await this.scoped<WebhookEndpointRow>(
      `UPDATE webhook_endpoints SET
         url = coalesce($3, url),
         description = CASE WHEN $4 THEN $5 ELSE description END,
         events = coalesce($6, events),
         enabled = coalesce($7, enabled),
         disabled_reason = CASE WHEN $7 THEN NULL ELSE disabled_reason END,
         updated_at = clock_timestamp()
       WHERE tenant_id = $1 AND id = $2 RETURNING ${ENDPOINT_COLUMNS}`,
      [id, change.url ?? null, change.description !== undefined, change.description ?? null, change.events ?? null, change.enabled ?? null],
    );
    return row;
  }

  async remove(id: string): Promise<boolean> {
    return (await this.scoped(`DELETE FROM webhook_endpoints WHERE tenant_id = $1 AND id = $2 RETURNING 1`, [id])).length > 0;
  }

  /** The new current secret; the current one stays valid until `previousExpiresAt` (none when null). */
  async rotateSecret(id: string, secretSealed: Buffer, previousSealed: Buffer | null, previousExpiresAt: Date | null): Promise<void> {
    await this.scoped(
      `UPDATE webhook_endpoints SET secret_sealed = $3, previous_secret_sealed = $4, previous_secret_expires_at = $5, updated_at = clock_timestamp()
       WHERE tenant_id = $1 AND id = $2`,
      [id, secretSealed, previousSealed, previousExpiresAt],
    );
  }

  async sealedSecret(id: string): Promise<Buffer> {
    const row = await this.scopedOne<{ secret_sealed: Buffer }>(`SELECT secret_sealed FROM webhook_endpoints WHERE tenant_id = $1 AND id = $2`, [id]);
    return row!.secret_sealed;
  }

  /**
   * The outbox: one delivery of each event to each enabled endpoint of the tenant subscribed to its type,
   * in the caller's transaction. With no such endpoint it inserts nothing (one index look-up).
   */
  async enqueue(events: Array<{ type: string; payload: Record<string, unknown> }>): Promise<void> {
    await this.scoped(
      `INSERT INTO webhook_deliveries (tenant_id, id, endpoint_id, event_type, payload, next_attempt_at)
       SELECT $1, ${NEW_DELIVERY_ID}, e.id, ev.type, ev.payload, clock_timestamp()
       FROM webhook_endpoints e JOIN unnest($2::text[], $3::jsonb[]) AS ev(type, payload) ON ev.type = ANY (e.events) OR '*' = ANY (e.events)
       WHERE e.tenant_id = $1 AND e.enabled`,
      [events.map((event) => event.type), events.map((event) => JSON.stringify(event.payload))],
    );
  }

  /** Whether an enabled endpoint of the tenant subscribes to any of the types of each change (one scan of its few endpoints). */
  async subscribed(types: Record<keyof ChangeLog, string[]>): Promise<ChangeLog> {
    const [row] = await this.scoped<{ incidents: boolean; user_risk: boolean }>(
      `SELECT coalesce(bool_or(events && $2::text[]), false) AS incidents, coalesce(bool_or(events && $3::text[]), false) AS user_risk
       FROM webhook_endpoints WHERE tenant_id = $1 AND enabled`,
      [
        [...types.incidents, '*'],
        [...types.userRisk, '*'],
      ],
    );
    return { incidents: row.incidents, userRisk: row.user_risk };
  }

  /**
   * The outbox for a set of events in one statement: `events`, a query giving `type` and `data` (run with
   * the tenant as $1), each delivered to every enabled endpoint subscribed to its type.
   */
  async enqueueSet(events: string, timestamp: string): Promise<void> {
    await this.scoped(
      `INSERT INTO webhook_deliveries (tenant_id, id, endpoint_id, event_type, payload, next_attempt_at)
       SELECT $1, ${NEW_DELIVERY_ID}, e.id, ev.type, jsonb_build_object('type', ev.type, 'timestamp', $2::text, 'tenantId', $1::text, 'data', ev.data),
              clock_timestamp()
       FROM (${events}) ev JOIN webhook_endpoints e ON e.tenant_id = $1 AND e.enabled AND (ev.type = ANY (e.events) OR '*' = ANY (e.events))`,
      [timestamp],
    );
  }

  /** One delivery to one endpoint whatever it subscribes to (test sends). */
  async enqueueTo(endpointId: string, type: string, payload: Record<string, unknown>): Promise<string> {
    const [row] = await this.scoped<{ id: string }>(
      `INSERT INTO webhook_deliveries (tenant_id, id, endpoint_id, event_type, payload, next_attempt_at)
       VALUES ($1, ${NEW_DELIVERY_ID}, $2, $3, $4, clock_timestamp()) RETURNING id`,
      [endpointId, type, JSON.stringify(payload)],
    );
    return row.id;
  }

  deliveries(endpointId: string, after: { createdAt: string; id: string } | undefined, limit: number): Promise<Array<Positioned<WebhookDeliveryRow>>> {
    return this.scoped(
      `SELECT ${DELIVERY_COLUMNS}, ${cursorTimestamp('created_at')} AS created_position FROM webhook_deliveries
       WHERE tenant_id = $1 AND endpoint_id = $2 AND ($3::timestamptz IS NULL OR (created_at, id) < ($3, $4))
       ORDER BY created_at DESC, id DESC LIMIT $5`,
      [endpointId, after?.createdAt ?? null, after?.id ?? null, limit],
    );
  }

  /** Due now, for one more attempt; a failed delivery's next attempt is its last. Undefined when there is no such delivery. */
  async retry(endpointId: string, deliveryId: string): Promise<WebhookDeliveryRow | undefined> {
    return this.scopedOne<WebhookDeliveryRow>(
      `UPDATE webhook_deliveries SET manual = (status <> 'pending'), status = 'pending', next_attempt_at = clock_timestamp()
       WHERE tenant_id = $1 AND endpoint_id = $2 AND id = $3 RETURNING ${DELIVERY_COLUMNS}`,
      [endpointId, deliveryId],
    );
  }
}
