import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { TenantDatabase } from '#libs/database/src/index.js';
import { ApiException, type FieldError, invalidField, parseInstant, validationFailed } from '#libs/http/src/index.js';
import { EVENT_SCHEMA, EventInput, fieldError, MAX_BATCH_EVENTS, validateAgainst } from '../fingerprints/event-schema.js';
import { IngestSettings, resolveIngestSettings } from '../signals/signal-settings.js';
import { EventInboxRepository } from './event-inbox.repository.js';
import { IngestTurns } from './ingest-admission.js';
import { PIPELINE_OPTIONS, type PipelineOptions } from './pipeline-options.js';
import { PipelineWaiter } from './pipeline-waiter.js';

/** Who sends the events, as far as the ingestion rules care. */
export interface IngestCaller {
  /** SDK key: cannot set `ip`, and its timestamps must be within 10 minutes of server time. */
  publishable: boolean;
  /** The request's client address (socket, or X-Forwarded-For as TRUST_PROXY allows). */
  requestIp: string | undefined;
}

/** `processed` is present when the caller asked to wait (`Prefer: wait=N`). */
export interface BatchResult {
  accepted: number;
  duplicates: number;
  processed?: boolean;
}

export interface SingleResult {
  id: string;
  processed?: boolean;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const MAX_AHEAD_MS = 24 * HOUR_MS;
const PUBLISHABLE_SKEW_MS = 10 * 60_000;

/**
 * Accepting: validate everything first (a batch is all-or-nothing), then append the batch to the
 * tenant's inbox in one statement. The 202 is sent only after that commit, so nothing acknowledged is
 * lost; storing, rollups and signals follow in the pipeline's workers. With `waitSeconds`, the answer
 * waits (holding no database connection) until the workers have processed this request's events.
 */
@Injectable()
export class IngestService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly inbox: EventInboxRepository,
    private readonly waiter: PipelineWaiter,
    private readonly turns: IngestTurns,
    @Inject(PIPELINE_OPTIONS) private readonly options: PipelineOptions,
  ) {}

  async ingestOne(body: unknown, caller: IngestCaller, waitSeconds = 0): Promise<SingleResult> {
    const event = this.validated([body], caller, await this.settings(), () => '')[0];
    const { processed } = await this.accept([event], waitSeconds);
    return processed === undefined ? { id: event.eventId! } : { id: event.eventId!, processed };
  }

  async ingestBatch(body: unknown, caller: IngestCaller, waitSeconds = 0): Promise<BatchResult> {
    const events = batchEvents(body);
    const valid = this.validated(events, caller, await this.settings(), (index) => `events.${index}`);
    const { inserted, processed } = await this.accept(valid, waitSeconds);
    const counts = { accepted: inserted, duplicates: valid.length - inserted };
    return processed === undefined ? counts : { ...counts, processed };
  }

  hasEvents(): Promise<boolean> {
    return this.inbox.hasEvents();
  }

  /** The tenant's ingestion settings (signal thresholds, retention). */
  async settings(): Promise<IngestSettings> {
    const [row] = await this.db.query<{ settings: Record<string, unknown> }>(`SELECT settings FROM tenants WHERE id = $1`, [this.db.tenantId]);
    return resolveIngestSettings(row?.settings);
  }

  private async accept(events: EventInput[], waitSeconds: number): Promise<{ inserted: number; processed?: boolean }> {
    const tenantId = this.db.tenantId!;
    const acceptance = await this.inbox.accept(events, this.options.backlogMax);
    this.turns.accepted();
    if (acceptance.refused) {
      throw new ApiException(503, 'backlog_full', `The tenant has ${acceptance.backlog} events waiting to be processed; retry later`);
    }
    if (acceptance.inserted > 0) this.waiter.accepted(tenantId);
    if (waitSeconds <= 0) return { inserted: acceptance.inserted };
    const range = acceptance.firstSeq && acceptance.lastSeq ? { first: acceptance.firstSeq, last: acceptance.lastSeq } : undefined;
    this.db.handBackConnection();
    return { inserted: acceptance.inserted, processed: await this.waiter.waitFor(tenantId, range, waitSeconds) };
  }

  /**
   * Validates every event (all or nothing: the 400 names every bad field of every bad event by its path) and
   * fills in what the server decides: the event id when absent, and the client address.
   */
  private validated(events: unknown[], caller: IngestCaller, settings: IngestSettings, pathOf: (index: number) => string): EventInput[] {
    const now = Date.now();
    const errors: FieldError[] = [];
    const instants: Array<number | undefined> = [];
    for (const [index, event] of events.entries()) {
      const path = pathOf(index);
      const before = errors.length;
      validateAgainst(event, EVENT_SCHEMA, path, errors);
      // The rules read fields the schema checked: only an event whose shape is right gets that far.
      if (errors.length === before) instants[index] = checkRules(event as EventInput, caller, settings, now, path, errors);
    }
    if (errors.length > 0) throw validationFailed(errors);
    const requestIp = normalizeIp(caller.requestIp);
    for (const [index, event] of (events as EventInput[]).entries()) {
      event.eventId ??= timeOrderedId();
      if (caller.publishable || event.ip === undefined || event.ip === null) event.ip = requestIp;
      // PostgreSQL gets the UTC instant: the client's offset may lie beyond the ±15:59 it accepts.
      const instant = instants[index];
      if (instant !== undefined) event.timestamp = new Date(instant).toISOString();
    }
    return events as EventInput[];
  }
}

function batchEvents(body: unknown): unknown[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidField('', 'body must be an object {events: [...]}');
  const problems: FieldError[] = Object.keys(body)
    .filter((key) => key !== 'events')
    .map((key) => fieldError(key, 'should not exist'));
  const { events } = body as { events?: unknown };
  if (!Array.isArray(events)) problems.push(fieldError('events', 'must be an array'));
  else if (events.length === 0) problems.push(fieldError('events', 'must contain at least 1 element'));
  else if (events.length > MAX_BATCH_EVENTS) problems.push(fieldError('events', `must contain no more than ${MAX_BATCH_EVENTS} elements`));
  if (problems.length > 0) throw validationFailed(problems);
  return events as unknown[];
}

/**
 * The rules that depend on the caller and the tenant: who may set `ip`, and how far timestamps may stray.
 * Answers the event's instant (epoch ms), when it has a timestamp.
 */
function checkRules(event: EventInput, caller: IngestCaller, settings: IngestSettings, now: number, path: string, errors: FieldError[]): number | undefined {
  const at = (key: string) => (path ? `${path}.${key}` : key);
  if (caller.publishable && event.ip !== undefined && event.ip !== null) errors.push(fieldError(at('ip'), 'cannot be set with a publishable key'));
  if (event.timestamp === undefined || event.timestamp === null) return undefined;
  const ts = parseInstant(event.timestamp)!;
  if (caller.publishable) {
    if (Math.abs(ts - now) > PUBLISHABLE_SKEW_MS) errors.push(fieldError(at('timestamp'), 'must be within 10 minutes of server time for publishable keys'));
  } else if (ts > now + MAX_AHEAD_MS) {
    errors.push(fieldError(at('timestamp'), 'must not be more than 24 hours ahead of server time'));
  } else if (ts < now - settings.retentionDays * DAY_MS) {
    errors.push(fieldError(at('timestamp'), `must not be older than the tenant's retention of ${settings.retentionDays} days`));
  }
  return ts;
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
