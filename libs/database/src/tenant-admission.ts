import { ServiceUnavailableException } from '@nestjs/common';
import { KeyedSemaphore, type Release, TurnRefused } from '#libs/common/src/keyed-semaphore.js';

/**
 * How long a request waits for its tenant's share before it is told to come back. Longer than one query may
 * run (8 s): a tenant's own burst that serialises on a lock (40 concurrent member changes, one audit chain)
 * queues here rather than inside the database, and must still get through on a loaded machine. Shorter than
 * a client's usual 30 s timeout, so the answer is a 503 to retry rather than a dropped connection.
 */
const ADMISSION_WAIT_MS = 10_000;
/**
 * Requests of one tenant that may wait for its share, per connection of the share (each holds its parsed
 * body, at most 1 MiB). 32 × a share of 5 = 160: a tenant's own burst of 80 concurrent mutations (a
 * dashboard bulk action, or one member's retries) is answered in full rather than partly with 503s.
 */
const QUEUED_PER_CONNECTION = 32;
/** How long a verified (user, tenant) membership keeps the user in the tenant's lane; see KnownMembers. */
const KNOWN_MEMBER_TTL_MS = 60_000;
/** Memberships remembered at once; the oldest go first. */
const KNOWN_MEMBERS_MAX = 10_000;

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

/**
 * Which queue a dashboard user waits in before its membership is known. The membership is answered in the
 * same round trip that binds the connection, so before checkout a user is only a name: one that was a
 * member of this tenant a moment ago waits in the tenant's lane; any other waits in a lane of its own
 * (`caller:<sub>`, which no tenant id can spell), so a stranger naming tenant B floods only itself and never
 * fills B's queue. This decides a queue, never access: the membership is read again on every request.
 */
export class KnownMembers {
  private readonly seen = new Map<string, number>();

  admissionKey(tenantId: string, userId: string | undefined, now = Date.now()): string {
    if (userId === undefined) return tenantId;
    const key = `${userId}\u0000${tenantId}`;
    const until = this.seen.get(key);
    if (until !== undefined && until > now) return tenantId;
    if (until !== undefined) this.seen.delete(key);
    return `caller:${userId}`;
  }

  remember(tenantId: string, userId: string, now = Date.now()): void {
    const key = `${userId}\u0000${tenantId}`;
    this.seen.delete(key);
    this.seen.set(key, now + KNOWN_MEMBER_TTL_MS);
    if (this.seen.size > KNOWN_MEMBERS_MAX) this.seen.delete(this.seen.keys().next().value!);
  }
}
