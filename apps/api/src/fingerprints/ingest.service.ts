import { BadRequestException, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { TenantDatabase } from '#libs/database/src/index.js';
import { AnalyticsRollups } from '../analytics/analytics-rollups.service.js';
import { SignalEngine } from '../signals/signal-engine.js';
import { IngestSettings, resolveIngestSettings } from '../signals/signal-settings.js';
import { EVENT_SCHEMA, EventInput, MAX_BATCH_EVENTS, parseIsoTimestamp, validateAgainst } from './event-schema.js';
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
 * Ingestion: validate everything first (a batch is all-or-nothing), then store the batch, its rollups and
 * its signals in one transaction. The 202 is sent only after COMMIT, so nothing acknowledged is lost.
 */
@Injectable()
export class IngestService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly store: EventStoreRepository,
    private readonly signals: SignalEngine,
    private readonly analytics: AnalyticsRollups,
  ) {}

  async ingestOne(body: unknown, caller: IngestCaller): Promise<{ id: string }> {
    const settings = resolveIngestSettings(await this.store.settings());
    const event = this.validated([body], caller, settings, () => '')[0];
    const { stored } = await this.ingest([event], settings);
    const [created] = JSON.parse(stored) as Array<{ id: number }>;
    const id = created?.id ?? (await this.store.idOf(event.eventId!));
    return { id: String(id) };
  }

  async ingestBatch(body: unknown, caller: IngestCaller): Promise<BatchResult> {
    const events = batchEvents(body);
    const settings = resolveIngestSettings(await this.store.settings());
    return this.ingestValidated(this.validated(events, caller, settings, (index) => `events.${index}`), settings);
  }

  /** For callers that validated already (the seed command): stores and evaluates one batch. */
  async ingestValidated(events: EventInput[], settings: IngestSettings): Promise<BatchResult> {
    const { inserted } = await this.ingest(events, settings);
    return { accepted: inserted, duplicates: events.length - inserted };
  }

  /** The tenant's ingestion settings (signal thresholds, retention). */
  async settings(): Promise<IngestSettings> {
    return resolveIngestSettings(await this.store.settings());
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
      event.eventId ??= randomUUID();
      if (caller.publishable || event.ip === undefined || event.ip === null) event.ip = requestIp;
    }
    return events as EventInput[];
  }

  private async ingest(events: EventInput[], settings: IngestSettings): Promise<{ inserted: number; stored: string }> {
    const payload = JSON.stringify(events);
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.db.transaction(async () => {
          const batch = await this.store.storeBatch(payload, {
            velocityMaxEvents: settings.signals.velocity.maxEvents,
            deviceSharedMinUsers: settings.signals.deviceShared.minUsers,
          });
          await this.signals.evaluate(batch, settings.signals);
          await this.analytics.afterBatch(batch);
          return { inserted: batch.inserted, stored: batch.events };
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
  const ts = parseIsoTimestamp(event.timestamp)!;
  if (caller.publishable) {
    if (Math.abs(ts - now) > PUBLISHABLE_SKEW_MS) errors.push(`${at('timestamp')} must be within 10 minutes of server time for publishable keys`);
  } else if (ts > now + MAX_AHEAD_MS) {
    errors.push(`${at('timestamp')} must not be more than 24 hours ahead of server time`);
  } else if (ts < now - settings.retentionDays * DAY_MS) {
    errors.push(`${at('timestamp')} must not be older than the tenant's retention of ${settings.retentionDays} days`);
  }
}

/** IPv4 clients on a dual-stack socket appear as ::ffff:a.b.c.d; store them as the IPv4 they are. */
export function normalizeIp(ip: string | undefined): string | undefined {
  if (!ip) return undefined;
  return ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip;
}
