import { BadRequestException, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { KeyedSemaphore } from '#libs/common/src/keyed-semaphore.js';
import { TenantDatabase } from '#libs/database/src/index.js';
import { parseInstant } from '#libs/http/src/index.js';
import { AnalyticsRollups } from '../analytics/analytics-rollups.service.js';
import { SignalEngine } from '../signals/signal-engine.js';
import { IngestSettings, resolveIngestSettings } from '../signals/signal-settings.js';
import { EVENT_SCHEMA, EventInput, MAX_BATCH_EVENTS, validateAgainst } from './event-schema.js';
import { EventStoreRepository } from './event-store.repository.js';

/** Who sends the events, as far as the ingestion rules care. */
export interface IngestCaller {
  /** SDK key: cannot set `ip`, and its timestamps must be within 10 minutes of server time. */
  publishable: boolean;
  /** The request's client address (socket, or X-Forwarded-For as TRUST_PROXY allows). */
  requestIp: string | undefined;
}

export interface BatchResult {
  accepted: number;
  duplicates: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const MAX_AHEAD_MS = 24 * HOUR_MS;
const PUBLISHABLE_SKEW_MS = 10 * 60_000;
/** A batch is one transaction; a deadlock or serialization failure aborts it whole, so it is simply retried. */
const RETRYABLE_CODES = new Set(['40P01', '40001']);
const MAX_ATTEMPTS = 4;
/**
 * Events of one tenant being stored at once in this process: two full batches. A batch holds the row
 * locks of its users and fingerprints until it commits, and concurrent batches of a tenant share some
 * users: past a couple of big ones, more only queue up on each other's locks inside the database
 * (measured here: 8 concurrent 1000-event batches stored 35 % fewer events per second than 2). Waiting
 * for a turn holds no lock, no transaction and no connection (TenantDatabase.inTurn). Single events weigh
 * one, so many still commit together.
 */
const TENANT_EVENTS_IN_FLIGHT = 2 * MAX_BATCH_EVENTS;
/**
 * Events of one tenant waiting for a turn: 32 full batches, enough to hold a burst of 25 parallel batches.
 * Past that a batch is refused at once (503 tenant_busy). Refusing sooner costs the other tenants more than
 * it saves: a client that retries at once makes the server parse and validate its batch again and again
 * (noisy-neighbour bench, 25 connections flooding, busy 2-core VM: another tenant's read p99 rose ×2.4–5
 * with room for 8 waiting batches; with 32, ×0.7–1.6 in five runs of six). Waiting costs the parsed body in
 * memory, nothing else.
 */
const TENANT_EVENTS_QUEUED = 32 * MAX_BATCH_EVENTS;

/**
 * Ingestion: validate everything first (a batch is all-or-nothing), then store the batch, its rollups and
 * its signals in one transaction. The 202 is sent only after COMMIT, so nothing acknowledged is lost.
 */
@Injectable()
export class IngestService {
  private readonly turns = new KeyedSemaphore(TENANT_EVENTS_IN_FLIGHT, { maxQueued: TENANT_EVENTS_QUEUED });

  constructor(
    private readonly db: TenantDatabase,
    private readonly store: EventStoreRepository,
    private readonly signals: SignalEngine,
    private readonly analytics: AnalyticsRollups,
  ) {}

  /** Answers the event's own id: the events table's serial is shared by all tenants, so it would tell one tenant the others' volume. */
  async ingestOne(body: unknown, caller: IngestCaller): Promise<{ id: string }> {
    const settings = resolveIngestSettings(await this.store.settings());
    const event = this.validated([body], caller, settings, () => '')[0];
    await this.ingest([event], settings);
    return { id: event.eventId! };
  }

  async ingestBatch(body: unknown, caller: IngestCaller): Promise<BatchResult> {
    const events = batchEvents(body);
    const settings = resolveIngestSettings(await this.store.settings());
    const valid = this.validated(events, caller, settings, (index) => `events.${index}`);
    const { inserted } = await this.ingest(valid, settings);
    return { accepted: inserted, duplicates: valid.length - inserted };
  }

  /** The tenant's ingestion settings (signal thresholds, retention). */
  async settings(): Promise<IngestSettings> {
    return resolveIngestSettings(await this.store.settings());
  }

  hasEvents(): Promise<boolean> {
    return this.store.hasEvents();
  }

  /**
   * Validates every event (stopping at the first bad one, which the 400 names by its path) and fills in
   * what the server decides: the event id when absent, and the client address.
   */
  private validated(events: unknown[], caller: IngestCaller, settings: IngestSettings, pathOf: (index: number) => string): EventInput[] {
    const now = Date.now();
    for (const [index, event] of events.entries()) {
      const path = pathOf(index);
      const errors: string[] = [];
      validateAgainst(event, EVENT_SCHEMA, path, errors);
      if (errors.length === 0) checkRules(event as EventInput, caller, settings, now, path, errors);
      if (errors.length > 0) throw new BadRequestException(errors);
    }
    const requestIp = normalizeIp(caller.requestIp);
    for (const event of events as EventInput[]) {
      event.eventId ??= timeOrderedId();
      if (caller.publishable || event.ip === undefined || event.ip === null) event.ip = requestIp;
      // PostgreSQL gets the UTC instant: the client's offset may lie beyond the ±15:59 it accepts.
      if (event.timestamp !== undefined && event.timestamp !== null) event.timestamp = new Date(parseInstant(event.timestamp)!).toISOString();
    }
    return events as EventInput[];
  }

  private ingest(events: EventInput[], settings: IngestSettings): Promise<{ inserted: number }> {
    return this.db.inTurn(this.turns, events.length, () => this.storeWithRetries(events, settings));
  }

  private async storeWithRetries(events: EventInput[], settings: IngestSettings): Promise<{ inserted: number }> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.db.transaction(async () => {
          const batch = await this.store.storeBatch(events, {
            velocityMaxEvents: settings.signals.velocity.maxEvents,
            deviceSharedMinUsers: settings.signals.deviceShared.minUsers,
          });
          await this.signals.evaluate(batch, settings.signals);
          await this.analytics.afterBatch(batch);
          return { inserted: batch.inserted };
        });
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !RETRYABLE_CODES.has((error as { code?: string }).code ?? '')) throw error;
      }
    }
  }
}

function batchEvents(body: unknown): unknown[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BadRequestException(['body must be an object {events: [...]}']);
  const unknown = Object.keys(body).filter((key) => key !== 'events');
  if (unknown.length > 0) throw new BadRequestException(unknown.map((key) => `${key} should not exist`));
  const { events } = body as { events?: unknown };
  if (!Array.isArray(events)) throw new BadRequestException(['events must be an array']);
  if (events.length === 0) throw new BadRequestException(['events must contain at least 1 element']);
  if (events.length > MAX_BATCH_EVENTS) throw new BadRequestException([`events must contain no more than ${MAX_BATCH_EVENTS} elements`]);
  return events;
}

/** The rules that depend on the caller and the tenant: who may set `ip`, and how far timestamps may stray. */
function checkRules(event: EventInput, caller: IngestCaller, settings: IngestSettings, now: number, path: string, errors: string[]): void {
  const at = (key: string) => (path ? `${path}.${key}` : key);
  if (caller.publishable && event.ip !== undefined && event.ip !== null) errors.push(`${at('ip')} cannot be set with a publishable key`);
  if (event.timestamp === undefined || event.timestamp === null) return;
  const ts = parseInstant(event.timestamp)!;
  if (caller.publishable) {
    if (Math.abs(ts - now) > PUBLISHABLE_SKEW_MS) errors.push(`${at('timestamp')} must be within 10 minutes of server time for publishable keys`);
  } else if (ts > now + MAX_AHEAD_MS) {
    errors.push(`${at('timestamp')} must not be more than 24 hours ahead of server time`);
  } else if (ts < now - settings.retentionDays * DAY_MS) {
    errors.push(`${at('timestamp')} must not be older than the tenant's retention of ${settings.retentionDays} days`);
  }
}

/**
 * A UUID with the UUIDv7 layout (milliseconds first, then random bits): generated ids arrive in order,
 * so they append to the (tenant_id, event_id) index instead of dirtying a random page per event.
 */
export function timeOrderedId(now = Date.now()): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** IPv4 clients on a dual-stack socket appear as ::ffff:a.b.c.d; store them as the IPv4 they are. */
export function normalizeIp(ip: string | undefined): string | undefined {
  if (!ip) return undefined;
  return ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip;
}
