import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { finalize, from, mergeMap, Observable } from 'rxjs';
import { ClsService } from '#libs/common/src/cls.service.js';
import { KeyedSemaphore, type Release } from '#libs/common/src/keyed-semaphore.js';
import { TenantDatabase } from '#libs/database/src/index.js';
import { refusalToError } from '#libs/database/src/tenant-admission.js';
import { ApiException, readJsonBody } from '#libs/http/src/index.js';
import { ForegroundRequests } from './foreground-requests.js';

/**
 * Ingest requests of one tenant being read, parsed, validated and committed at once, per instance. A
 * 1000-event batch costs the Node process tens of milliseconds of CPU (JSON.parse, the depth and text
 * walks, validation, the statement's parameters) and the database an insert of 1000 rows. With every body
 * parsed as it arrived, one tenant's 25 parallel batches held the event loop and both cores: another
 * tenant's reads went from p99 97 ms to 348 ms. While the instance also answers other requests, one batch
 * at a time leaves them more than half of the machine. Two turns otherwise: four accepted more from one
 * tenant alone (19.5k events/s from 4 clients, against 15.7k), but let a flood's batches run side by side
 * whenever the neighbour's requests paused, and its p99 under the flood went from 2–3× alone to 3.4–4.7×.
 */
export const TURNS_PER_TENANT = 2;
/**
 * Turns a tenant's waiting requests may ask for (each waits unread: the socket holds its body, not the
 * heap): 64 batches that take all turns, while other requests are answered, or 128 that take one. Counted
 * in turns so that a flood from 25 connections waits rather than bouncing off with 503s, which cost a pass
 * through the gates each.
 */
export const QUEUED_TURNS_PER_TENANT = 64 * TURNS_PER_TENANT;
/** Longer than a batch takes when the database is busy; shorter than a client's usual 30 s timeout. */
const TURN_WAIT_MS = 10_000;
/**
 * How long a request let in may take to deliver its body (1 MiB at most). A turn is held while the body
 * arrives, so without a bound a key's holder trickling two uploads would hold the tenant's ingestion for
 * Node's five-minute request timeout.
 */
export const BODY_WAIT_MS = 10_000;

interface IngestTurnContext {
  ingestTurn?: Release;
}

const cls = new ClsService<IngestTurnContext>();

/** The tenants' ingest turns, one set per instance; the request holding one gives it back once committed. */
@Injectable()
export class IngestTurns {
  private readonly turns = new KeyedSemaphore(TURNS_PER_TENANT, { maxQueued: QUEUED_TURNS_PER_TENANT, maxWaitMs: TURN_WAIT_MS });

  constructor(private readonly foreground: ForegroundRequests) {}

  async take(tenantId: string, signal: AbortSignal): Promise<Release> {
    try {
      // While the instance answers other requests, a request takes all of its tenant's turns: one batch at a time.
      const turn = await this.turns.acquire(tenantId, this.foreground.busy ? TURNS_PER_TENANT : 1, signal);
      cls.set('ingestTurn', turn);
      return turn;
    } catch (error) {
      throw refusalToError(error);
    }
  }

  /** The tenant's turns taken and requests waiting for one, on this instance. */
  of(tenantId: string): { held: number; waiting: number } {
    return { held: this.turns.inUse(tenantId), waiting: this.turns.queuedFor(tenantId) };
  }

  /** The request's events are committed: its turn goes to the tenant's next request. */
  accepted(): void {
    if (cls.isActive()) cls.get('ingestTurn')?.();
  }
}

/**
 * Admission of ingest requests per tenant, before their bodies are read: the tenant is known from the
 * gates (its key), so a flood from one key waits in its tenant's queue with its bodies unread, holding no
 * database connection, and another tenant's requests never queue behind it. The turn is held until the
 * events are committed (`IngestTurns.accepted`), not while a `Prefer: wait` answer waits for processing.
 */
@Injectable()
export class IngestAdmission implements NestInterceptor {
  constructor(
    private readonly db: TenantDatabase,
    private readonly turns: IngestTurns,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    return from(this.admit(http.getRequest<Request>(), http.getResponse<Response>())).pipe(mergeMap((turn) => next.handle().pipe(finalize(turn))));
  }

  private async admit(req: Request, res: Response): Promise<Release> {
    const tenantId = this.db.tenantId!;
    // The gates bound a connection; waiting for a turn and reading the body must not hold it.
    this.db.handBackConnection();
    const closed = new AbortController();
    const onClose = () => closed.abort();
    res.once('close', onClose);
    let turn: Release;
    try {
      turn = await this.turns.take(tenantId, closed.signal);
    } finally {
      res.off('close', onClose);
    }
    try {
      await bodyWithin(req, res, BODY_WAIT_MS);
      await this.db.bindTenant(tenantId);
    } catch (error) {
      turn();
      throw error;
    }
    return turn;
  }
}

async function bodyWithin(req: Request, res: Response, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // The rest of the body may still come: the connection cannot carry another request.
      res.setHeader('Connection', 'close');
      reject(new ApiException(408, 'body_timeout', `The body did not arrive within ${ms / 1000} seconds`));
    }, ms);
  });
  try {
    await Promise.race([readJsonBody(req, res), late]);
  } finally {
    clearTimeout(timer);
  }
}
