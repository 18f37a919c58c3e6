import { Injectable } from '@nestjs/common';
import { TenantScopedRepository } from '#libs/database/src/index.js';

export interface ClaimedDelivery {
  tenant_id: string;
  id: string;
  endpoint_id: string;
  event_type: string;
  body: string;
  attempts: number;
  manual: boolean;
  url: string;
  secret_sealed: Buffer;
  previous_secret_sealed: Buffer | null;
  previous_secret_expires_at: Date | null;
}

export type AttemptOutcome =
  | { kind: 'succeeded'; statusCode: number; durationMs: number }
  | { kind: 'retry'; statusCode: number | null; error: string | null; durationMs: number; nextAttemptAt: Date }
  | { kind: 'failed'; statusCode: number | null; error: string | null; durationMs: number };

/**
 * The dispatcher's side of the outbox. Claims run across tenants (cross-tenant mode on the worker's
 * connection); outcomes are written bound to the delivery's tenant, with the endpoint's disabling and its
 * audit row in the same transaction.
 */
@Injectable()
export class WebhookDispatchRepository extends TenantScopedRepository {
  /**
   * Up to `limit` due deliveries of enabled endpoints other than `busyEndpoints` (`tenant/endpoint` keys),
   * oldest due first. Claiming pushes their next attempt `leaseSeconds` ahead: if this process dies
   * mid-attempt, the delivery is due again then (at least once), and no other worker takes it meanwhile.
   */
  claim(limit: number, busyEndpoints: string[], leaseSeconds: number): Promise<ClaimedDelivery[]> {
    return this.db.query<ClaimedDelivery>(
      `WITH due AS (
         SELECT d.tenant_id, d.id FROM webhook_deliveries d
         JOIN webhook_endpoints e ON e.tenant_id = d.tenant_id AND e.id = d.endpoint_id
         WHERE d.status = 'pending' AND d.next_attempt_at <= clock_timestamp() AND e.enabled
           AND NOT (d.tenant_id || '/' || d.endpoint_id = ANY ($2::text[]))
         ORDER BY d.next_attempt_at LIMIT $1 FOR UPDATE OF d SKIP LOCKED)
       UPDATE webhook_deliveries d SET next_attempt_at = clock_timestamp() + make_interval(secs => $3)
       FROM due, webhook_endpoints e
       WHERE d.tenant_id = due.tenant_id AND d.id = due.id AND e.tenant_id = d.tenant_id AND e.id = d.endpoint_id
       RETURNING d.tenant_id, d.id, d.endpoint_id, d.event_type, d.payload::text AS body, d.attempts, d.manual,
                 e.url, e.secret_sealed, e.previous_secret_sealed, e.previous_secret_expires_at`,
      [limit, busyEndpoints, leaseSeconds],
      'webhooks.claim',
    );
  }

  /** Gives claimed deliveries back (due now) that this process will not attempt yet. */
  async release(deliveries: Array<[string, string]>): Promise<void> {
    await this.db.query(
      `UPDATE webhook_deliveries d SET next_attempt_at = clock_timestamp()
       FROM unnest($1::text[], $2::text[]) AS r(tenant_id, id) WHERE d.tenant_id = r.tenant_id AND d.id = r.id`,
      [deliveries.map(([tenantId]) => tenantId), deliveries.map(([, id]) => id)],
    );
  }

  async record(deliveryId: string, outcome: AttemptOutcome): Promise<void> {
    const status = outcome.kind === 'retry' ? 'pending' : outcome.kind;
    await this.scoped(
      `UPDATE webhook_deliveries SET status = $3, attempts = attempts + 1, last_status_code = $4, last_error = $5, duration_ms = $6,
         next_attempt_at = $7, manual = false
       WHERE tenant_id = $1 AND id = $2`,
      [
        deliveryId,
        status,
        outcome.statusCode,
        outcome.kind === 'succeeded' ? null : outcome.error,
        outcome.durationMs,
        outcome.kind === 'retry' ? outcome.nextAttemptAt : null,
      ],
    );
  }

  /** Disables the endpoint unless it already is; true when this call disabled it. */
  async disable(endpointId: string, reason: string): Promise<boolean> {
    const rows = await this.scoped(
      `UPDATE webhook_endpoints SET enabled = false, disabled_reason = $3, updated_at = clock_timestamp()
       WHERE tenant_id = $1 AND id = $2 AND enabled RETURNING 1`,
      [endpointId, reason],
    );
    return rows.length > 0;
  }
}
