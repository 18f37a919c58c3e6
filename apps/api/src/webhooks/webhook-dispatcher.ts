import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AuditWriter } from '#libs/audit/src/index.js';
import { outboundPolicy } from '#libs/auth/src/index.js';
import { APP_CONFIG, type AppConfig } from '#libs/config/src/index.js';
import type { Pool } from 'pg';
import { TenantDatabase, WORKER_POOL, workerAcrossTenants, workerAsTenant } from '#libs/database/src/index.js';
import { OutboundConnections, OutboundError, type OutboundPolicy, outboundRequest } from '#libs/http/src/index.js';
import { AttemptOutcome, ClaimedDelivery, type SucceededAttempt, WebhookDispatchRepository } from './webhook-dispatch.repository.js';
import { SecretSealer, signWebhook } from './webhook-secrets.js';
import { RETRY_SCHEDULE_SECONDS, WEBHOOK_MAX_RESPONSE_BYTES, WEBHOOK_TIMEOUT_MS } from './webhook.types.js';
import { WEBHOOK_SEALER } from './webhooks.tokens.js';

/**
 * Attempts per endpoint at once: a slow receiver holds at most its own share. An attempt in flight costs a
 * socket and its payload, no database connection. With sixteen, one endpoint took about 3,000 deliveries/s
 * from a local receiver (bench), and a receiver answering in 30 ms can still take about 530/s (16 / 30 ms),
 * above the 500/s a busy tenant's incidents need.
 */
export const PER_ENDPOINT = 16;
/**
 * The share of an endpoint whose latest attempt got no answer (timed out, or could not connect) until one
 * does: a receiver that hangs holds two attempts for the timeout, not sixteen, so even many of them leave
 * the process's attempts to the endpoints that answer.
 */
export const UNRESPONSIVE_SHARE = 2;
/**
 * Each endpoint's next share is claimed while its current one is in flight, and started as answers come
 * in, so sending never waits for a claim's round trip (which grows when the database is busy). A claimed
 * delivery waits at most one timeout before it starts, well within the lease; an endpoint that turns
 * unresponsive, is disabled or whose process stops hands its waiting deliveries back.
 */
const CLAIMED_AHEAD = 1;
/** Deliveries one process holds at once (claimed, in flight or being recorded). */
const MAX_HELD = 512;
/** A claimed delivery is due again after this if its attempt never reports (the process died): longer than the timeout. */
const LEASE_SECONDS = 60;
/** An idle dispatcher looks for due deliveries this often (it holds no connection meanwhile). */
const IDLE_POLL_MS = 200;
const ERROR_PAUSE_MS = 1_000;
const JITTER = 0.2;

/**
 * Sends the outbox (WORKER=true processes): claims due deliveries with SKIP LOCKED, so several processes
 * never send one attempt twice, signs each attempt (Standard Webhooks; during a rotation's grace with
 * both secrets) and records its outcome with the retry schedule. 2xx delivers; 410 fails the delivery and
 * disables the endpoint at once; anything else is retried until the schedule runs out, which fails it
 * and disables the endpoint. Every disabling writes an audit row.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('Webhooks');
  private readonly policy: OutboundPolicy;
  /** Per endpoint (`tenant/endpoint`): requests waiting for an answer. */
  private readonly inFlight = new Map<string, number>();
  /** Per endpoint: claimed deliveries waiting for a free share, oldest due first. */
  private readonly waiting = new Map<string, ClaimedDelivery[]>();
  private waitingCount = 0;
  /** Endpoints whose latest attempt got no answer. */
  private readonly unresponsive = new Set<string>();
  /** Hand-backs under way (awaited before the process stops). */
  private readonly releasing = new Set<Promise<void>>();
  private readonly connections = new OutboundConnections(PER_ENDPOINT);
  private active = 0;
  private running?: Promise<void>;
  private stopping = false;
  private wake?: () => void;
  /** Something changed (room freed, a delivery queued) since the loop last looked: its next idle returns at once. */
  private signalled = false;
  private readonly attempts = new Set<Promise<void>>();
  /** Succeeded attempts waiting for the next write, with what settles each one's promise. */
  private succeeded: Array<SucceededAttempt & { settle: (error?: Error) => void }> = [];
  private writingSucceeded?: Promise<void>;

  constructor(
    private readonly db: TenantDatabase,
    private readonly deliveries: WebhookDispatchRepository,
    private readonly audit: AuditWriter,
    @Inject(WEBHOOK_SEALER) private readonly sealer: SecretSealer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(WORKER_POOL) private readonly pool: Pool,
  ) {
    this.policy = outboundPolicy(config);
  }

  onApplicationBootstrap(): void {
    if (this.config.worker) this.running = this.loop();
  }

  /**
   * Stops claiming and starting attempts as soon as the process begins to stop, and makes the claimed
   * deliveries that had not started due again at once: another process sends them now rather than when
   * their lease ends.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.signal();
    await this.running;
    const unsent = [...this.waiting.values()].flat();
    this.waiting.clear();
    this.waitingCount = 0;
    await Promise.all([...this.releasing, ...(unsent.length > 0 ? [this.release(unsent)] : [])]);
  }

  /** Lets attempts in progress report (each is bounded by the timeout). */
  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.attempts]);
    this.connections.close();
  }

  /** Looks for due deliveries now rather than at the next poll (a delivery was just queued here). */
  nudge(): void {
    this.signal();
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      try {
        this.signalled = false;
        const room = MAX_HELD - this.active - this.waitingCount;
        const claimed = room > 0 ? await this.claim(room) : [];
        for (const delivery of claimed) this.enqueue(delivery);
        if (claimed.length === 0) await this.idle(IDLE_POLL_MS);
      } catch (error) {
        if (this.stopping) return;
        this.logger.error({ err: error }, 'webhook dispatcher turn failed');
        await this.idle(ERROR_PAUSE_MS);
      }
    }
  }

  /** Claims up to `room` deliveries, none beyond what an endpoint may hold (its share in flight and its next one). */
  private claim(room: number): Promise<ClaimedDelivery[]> {
    const held = heldPerEndpoint(this.inFlight, this.waiting, this.unresponsive);
    return this.acrossTenants(() => this.deliveries.claim(room, held, PER_ENDPOINT * (1 + CLAIMED_AHEAD), LEASE_SECONDS));
  }

  private enqueue(delivery: ClaimedDelivery): void {
    const key = endpointKey(delivery);
    const queue = this.waiting.get(key);
    if (queue) queue.push(delivery);
    else this.waiting.set(key, [delivery]);
    this.waitingCount += 1;
    this.startWaiting(key);
  }

  /**
   * Its claimed deliveries go back to the outbox (due now): at the smaller share they could wait longer than
   * their lease, and another process would send them a second time.
   */
  private turnedUnresponsive(key: string): void {
    this.unresponsive.add(key);
    this.handBack(key);
  }

  /** Makes the endpoint's claimed deliveries that have not started due again at once (the process will not send them). */
  private handBack(key: string): void {
    const queue = this.waiting.get(key);
    if (!queue) return;
    this.waiting.delete(key);
    this.waitingCount -= queue.length;
    const released = this.release(queue).finally(() => this.releasing.delete(released));
    this.releasing.add(released);
  }

  private release(deliveries: ClaimedDelivery[]): Promise<void> {
    return this.acrossTenants(() => this.deliveries.release(deliveries)).catch((error: unknown) =>
      this.logger.error({ err: error }, 'claimed deliveries could not be released; they are due again when their lease ends'),
    );
  }

  /** Starts the endpoint's waiting deliveries its share allows (none once stopping: they are handed back). */
  private startWaiting(key: string): void {
    if (this.stopping) return;
    const queue = this.waiting.get(key);
    const share = this.unresponsive.has(key) ? UNRESPONSIVE_SHARE : PER_ENDPOINT;
    while (queue && queue.length > 0 && (this.inFlight.get(key) ?? 0) < share) {
      this.waitingCount -= 1;
      this.start(queue.shift()!);
    }
    if (queue?.length === 0) this.waiting.delete(key);
  }

  private start(delivery: ClaimedDelivery): void {
    const key = endpointKey(delivery);
    this.inFlight.set(key, (this.inFlight.get(key) ?? 0) + 1);
    this.active += 1;
    let requesting = true;
    // An endpoint's share counts requests to it: it frees as soon as the answer is in, while the outcome is
    // written (the delivery stays leased meanwhile).
    const answered = () => {
      if (!requesting) return;
      requesting = false;
      const left = (this.inFlight.get(key) ?? 1) - 1;
      if (left === 0) this.inFlight.delete(key);
      else this.inFlight.set(key, left);
      this.startWaiting(key);
      this.signal();
    };
    const attempt = this.attempt(delivery, answered)
      .catch((error: unknown) => this.logger.error({ err: error, deliveryId: delivery.id }, 'webhook attempt could not be recorded'))
      .finally(() => {
        answered();
        this.active -= 1;
        this.attempts.delete(attempt);
        this.signal();
      });
    this.attempts.add(attempt);
  }

  private async attempt(delivery: ClaimedDelivery, answered: () => void): Promise<void> {
    const owner = `${delivery.tenant_id}/${delivery.endpoint_id}`;
    const secrets = [this.sealer.open(delivery.secret_sealed, owner)];
    if (delivery.previous_secret_sealed && delivery.previous_secret_expires_at && delivery.previous_secret_expires_at.getTime() > Date.now()) {
      secrets.push(this.sealer.open(delivery.previous_secret_sealed, owner));
    }
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = secrets.map((secret) => signWebhook(secret, delivery.id, timestamp, delivery.body)).join(' ');
    const started = performance.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    let unanswered = false;
    try {
      const answer = await outboundRequest(delivery.url, this.policy, {
        connections: this.connections,
        method: 'POST',
        body: delivery.body,
        timeoutMs: WEBHOOK_TIMEOUT_MS,
        maxBytes: WEBHOOK_MAX_RESPONSE_BYTES,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'admin-api-webhooks',
          'webhook-id': delivery.id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signature,
        },
      });
      statusCode = answer.status;
      if (statusCode < 200 || statusCode >= 300) error = `answered ${statusCode}`;
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
      unanswered = failure instanceof OutboundError && failure.unanswered;
    }
    if (unanswered) this.turnedUnresponsive(endpointKey(delivery));
    else if (statusCode !== null) this.unresponsive.delete(endpointKey(delivery));
    answered();
    const durationMs = Math.round(performance.now() - started);
    const outcome = outcomeOf(delivery, statusCode, error, durationMs);
    if (outcome.kind === 'succeeded')
      await this.recordSucceeded({ tenantId: delivery.tenant_id, deliveryId: delivery.id, statusCode: outcome.statusCode, durationMs });
    else await workerAsTenant(this.db, this.pool, delivery.tenant_id, () => this.db.transaction(() => this.report(delivery, outcome)));
  }

  /**
   * Writes a succeeded attempt together with those that succeed while the previous write runs (one
   * statement and one worker connection for all of them): a transaction of its own per attempt held a
   * worker connection each, and 64 attempts in flight queued for the pool the pipeline also works on.
   */
  private recordSucceeded(attempt: SucceededAttempt): Promise<void> {
    return new Promise((resolve, reject) => {
      this.succeeded.push({ ...attempt, settle: (error) => (error === undefined ? resolve() : reject(error)) });
      this.writingSucceeded ??= this.writeSucceeded();
    });
  }

  private async writeSucceeded(): Promise<void> {
    while (this.succeeded.length > 0) {
      const batch = this.succeeded.splice(0);
      const failure = await this.acrossTenants(() => this.deliveries.recordSucceeded(batch)).then(
        () => undefined,
        (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
      );
      for (const attempt of batch) attempt.settle(failure);
    }
    this.writingSucceeded = undefined;
  }

  private async report(delivery: ClaimedDelivery, outcome: AttemptOutcome): Promise<void> {
    await this.deliveries.record(delivery.id, outcome);
    if (outcome.kind !== 'failed' || delivery.manual) return;
    const reason =
      outcome.statusCode === 410
        ? 'the endpoint answered 410 Gone'
        : `delivery ${delivery.id} failed after ${delivery.attempts + 1} attempts (${outcome.error})`;
    if (await this.deliveries.disable(delivery.endpoint_id, reason)) {
      // Its claimed deliveries wait in the outbox until it is enabled again, rather than go out now.
      this.handBack(endpointKey(delivery));
      this.unresponsive.delete(endpointKey(delivery));
      await this.audit.record({
        operation: 'webhook.disable',
        entityType: 'webhook',
        entityId: delivery.endpoint_id,
        details: { reason, deliveryId: delivery.id },
        system: 'webhook-dispatcher',
      });
    }
  }

  /** Claims run across tenants, on a worker connection (never one a tenant's requests are waiting for). */
  private acrossTenants<T>(work: () => Promise<T>): Promise<T> {
    return workerAcrossTenants(this.db, this.pool, work);
  }

  private signal(): void {
    this.signalled = true;
    this.wake?.();
  }

  /**
   * Waits `ms`, or less if signalled; not at all if signalled while the loop was claiming (an attempt that
   * freed its endpoint's share during a claim that found none free would otherwise wait a whole poll).
   */
  private idle(ms: number): Promise<void> {
    if (this.signalled) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}

/**
 * What each endpoint holds, as the claim counts it against PER_ENDPOINT × (1 + CLAIMED_AHEAD): its attempts
 * in flight and its claimed deliveries waiting, and for an unresponsive endpoint also what its smaller share
 * may not hold.
 */
export function heldPerEndpoint(
  inFlight: ReadonlyMap<string, number>,
  waiting: ReadonlyMap<string, readonly unknown[]>,
  unresponsive: ReadonlySet<string>,
): Map<string, number> {
  const held = new Map(inFlight);
  for (const [key, queue] of waiting) held.set(key, (held.get(key) ?? 0) + queue.length);
  for (const key of unresponsive) held.set(key, (held.get(key) ?? 0) + (PER_ENDPOINT - UNRESPONSIVE_SHARE) * (1 + CLAIMED_AHEAD));
  return held;
}

function endpointKey(delivery: ClaimedDelivery): string {
  return `${delivery.tenant_id}/${delivery.endpoint_id}`;
}

/** What an attempt's answer means for the delivery, by the retry schedule. */
export function outcomeOf(
  delivery: Pick<ClaimedDelivery, 'attempts' | 'manual'>,
  statusCode: number | null,
  error: string | null,
  durationMs: number,
): AttemptOutcome {
  if (statusCode !== null && statusCode >= 200 && statusCode < 300) return { kind: 'succeeded', statusCode, durationMs };
  const attempts = delivery.attempts + 1;
  if (statusCode === 410 || delivery.manual || attempts > RETRY_SCHEDULE_SECONDS.length) return { kind: 'failed', statusCode, error, durationMs };
  const delaySeconds = RETRY_SCHEDULE_SECONDS[attempts - 1] * (1 - JITTER + Math.random() * 2 * JITTER);
  return { kind: 'retry', statusCode, error, durationMs, nextAttemptAt: new Date(Date.now() + delaySeconds * 1000) };
}
