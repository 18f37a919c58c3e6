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

export interface SucceededAttempt {
  tenantId: string;
  deliveryId: string;
  statusCode: number;
  durationMs: number;
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
   * Up to `limit` due deliveries of enabled endpoints, oldest due first, at most `perEndpoint` minus what
   * each endpoint already holds (`held`: `tenant/endpoint` keys and counts): each endpoint's
   * oldest are read from its own index range, so a backlog on one endpoint neither crowds out the others
   * nor is claimed beyond what can start (due is `<= now()`, stable within the statement, so it bounds the
   * index range; clock_timestamp() could only filter it). Claiming pushes their next attempt `leaseSeconds` ahead: if this
   * process dies mid-attempt, the delivery is due again then (at least once), and no other worker takes it
   * meanwhile.
   *
   * Planned at each call, never a prepared statement: the outbox is empty between bursts, and a cached generic
   * plan made then (sequential scans, nested loops) stays until the next ANALYZE; after a 10,000-delivery burst
   * each claim took ~170 ms and one endpoint got ~200 deliveries/s.
   */
  claim(limit: number, held: ReadonlyMap<string, number>, perEndpoint: number, leaseSeconds: number): Promise<ClaimedDelivery[]> {
    return this.db.query<ClaimedDelivery>(
      `WITH room AS (
         SELECT e.tenant_id, e.id AS endpoint_id, $4::int - coalesce(b.in_flight, 0) AS room
         FROM webhook_endpoints e LEFT JOIN unnest($2::text[], $3::int[]) AS b(endpoint_key, in_flight) ON b.endpoint_key = e.tenant_id || '/' || e.id
         WHERE e.enabled AND $4::int > coalesce(b.in_flight, 0)),
       due AS (
         SELECT d.tenant_id, d.id FROM room r CROSS JOIN LATERAL (
           SELECT d.tenant_id, d.id, d.next_attempt_at FROM webhook_deliveries d
           WHERE d.tenant_id = r.tenant_id AND d.endpoint_id = r.endpoint_id AND d.status = 'pending' AND d.next_attempt_at <= now()
           ORDER BY d.next_attempt_at LIMIT r.room FOR UPDATE SKIP LOCKED) d
         ORDER BY d.next_attempt_at LIMIT $1)
       UPDATE webhook_deliveries d SET next_attempt_at = clock_timestamp() + make_interval(secs => $5)
       FROM due, webhook_endpoints e
       WHERE d.tenant_id = due.tenant_id AND d.id = due.id AND e.tenant_id = d.tenant_id AND e.id = d.endpoint_id
       RETURNING d.tenant_id, d.id, d.endpoint_id, d.event_type, d.payload::text AS body, d.attempts, d.manual,
                 e.url, e.secret_sealed, e.previous_secret_sealed, e.previous_secret_expires_at`,
      [limit, [...held.keys()], [...held.values()], perEndpoint, leaseSeconds],
    );
  }

  /** Claimed deliveries this process will not send after all (it is stopping): due again at once. */
  async release(deliveries: Array<Pick<ClaimedDelivery, 'tenant_id' | 'id'>>): Promise<void> {
    await this.db.query(
      `UPDATE webhook_deliveries d SET next_attempt_at = now()
       FROM unnest($1::text[], $2::text[]) AS r(tenant_id, id)
       WHERE d.tenant_id = r.tenant_id AND d.id = r.id AND d.status = 'pending'`,
      [deliveries.map((d) => d.tenant_id), deliveries.map((d) => d.id)],
    );
  }

  /** Succeeded attempts of any tenants (cross-tenant mode), in one statement. */
  async recordSucceeded(attempts: SucceededAttempt[]): Promise<void> {
    await this.db.query(
      `UPDATE webhook_deliveries d SET status = 'succeeded', attempts = d.attempts + 1, last_status_code = r.status_code, last_error = NULL,
         duration_ms = r.duration_ms, next_attempt_at = NULL, manual = false
       FROM unnest($1::text[], $2::text[], $3::int[], $4::int[]) AS r(tenant_id, id, status_code, duration_ms)
       WHERE d.tenant_id = r.tenant_id AND d.id = r.id`,
      [attempts.map((a) => a.tenantId), attempts.map((a) => a.deliveryId), attempts.map((a) => a.statusCode), attempts.map((a) => a.durationMs)],
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
