import { ServiceUnavailableException } from '@nestjs/common';
import { KeyedSemaphore, type Release, TurnRefused } from '#libs/common/src/keyed-semaphore.js';

/**
 * How long a request waits for its tenant's share before it is told to come back. Longer than one query may
 * run (8 s): a tenant's own burst that serialises on a lock (40 concurrent member changes, one audit chain)
 * queues here rather than inside the database, and must still get through on a loaded machine. Shorter than
 * a client's usual 30 s timeout, so the answer is a 503 to retry rather than a dropped connection.
 */
const ADMISSION_WAIT_MS = 10_000;
/** Requests of one tenant that may wait for its share, per connection of the share (each holds its body). */
const QUEUED_PER_CONNECTION = 8;

/** The answer to a tenant whose share is taken and whose queue is full or too slow: 503 for that tenant only. */
export class TenantBusyError extends ServiceUnavailableException {
  constructor() {
    super('Too many requests of this tenant are waiting for the database; retry after Retry-After seconds');
  }
}

/** The answer for a wait that ended without its turn. */
export function refusalToError(error: unknown): unknown {
  if (!(error instanceof TurnRefused)) return error;
  // Nobody reads this one: its client has gone.
  if (error.reason === 'aborted') return new ServiceUnavailableException('Request closed while waiting for its turn');
  return new TenantBusyError();
}

/**
 * Connections of the tenant pool one tenant may hold at once: a quarter of the pool, so a flood from one
 * tenant (or three) leaves the rest to the others, and at least two, so two ingest batches of a tenant can
 * still run side by side. A fixed share rather than "whatever is idle": a connection lent to a flooding
 * tenant's seconds-long batch is not back when a neighbour needs it. Per instance: N instances on one
 * database give each tenant N shares.
 */
export function tenantFairShare(tenantPoolSize: number): number {
  return Math.max(2, Math.floor(tenantPoolSize / 4));
}

/**
 * Admission to the tenant pool, keyed by tenant: a request waits here, in memory and holding nothing,
 * until its tenant is under its share, and only then checks a connection out. Waiting is first come,
 * first served per tenant and bounded (queue length and wait time); another tenant's queue never delays it.
 */
export class TenantAdmission {
  private readonly connections: KeyedSemaphore;

  constructor(tenantPoolSize: number) {
    const share = tenantFairShare(tenantPoolSize);
    this.connections = new KeyedSemaphore(share, { maxQueued: QUEUED_PER_CONNECTION * share, maxWaitMs: ADMISSION_WAIT_MS });
  }

  /** Room for one more connection of `key`; `signal` aborts when the request's client goes away. */
  async admit(key: string, signal?: AbortSignal): Promise<Release> {
    try {
      return await this.connections.acquire(key, 1, signal);
    } catch (error) {
      throw refusalToError(error);
    }
  }

  /**
   * A second connection for a request that already holds one (a detached audit write): granted at once,
   * since queueing it behind requests that wait for this request's own connection could stall them all.
   */
  admitNested(key: string): Release {
    return this.connections.takeNow(key, 1);
  }
}
