/** Gives back the room a grant took; calling it again does nothing. */
export type Release = () => void;

/** Why a wait for room ended without it: too many already waiting, waited too long, or the waiter gave up. */
export class TurnRefused extends Error {
  constructor(readonly reason: 'queue_full' | 'timeout' | 'aborted') {
    super(`No turn: ${reason}`);
    this.name = 'TurnRefused';
  }
}

export interface KeyedSemaphoreLimits {
  /** Weight that may wait per key; a request past it is refused at once instead of queueing. */
  maxQueued?: number;
  /** How long one waiter may wait before it is refused. */
  maxWaitMs?: number;
}

interface Waiter {
  weight: number;
  grant: () => void;
}

interface Slot {
  used: number;
  queued: number;
  waiting: Waiter[];
}

/**
 * A weighted semaphore per key: grants of one key hold at most `capacity` together; the others wait in
 * arrival order (the first in line is never overtaken, so a heavy request is not starved by light ones).
 * A request heavier than the capacity counts as the whole capacity. Waiting is bounded by `limits`, and a
 * waiter whose signal aborts leaves the queue at once. Idle keys are forgotten.
 */
export class KeyedSemaphore {
  private readonly slots = new Map<string, Slot>();

  constructor(
    private readonly capacity: number,
    private readonly limits: KeyedSemaphoreLimits = {},
  ) {}

  /** Room for `weight` if it is free now (nobody waiting, and it fits), else undefined. */
  tryAcquire(key: string, weight: number): Release | undefined {
    const cost = this.costOf(weight);
    const slot = this.slotOf(key);
    if (slot.waiting.length > 0 || slot.used + cost > this.capacity) {
      this.forgetIfIdle(key, slot);
      return undefined;
    }
    slot.used += cost;
    return this.releaser(key, slot, cost);
  }

  /** Waits for room; rejects with TurnRefused when the queue is full, the wait too long, or `signal` aborts. */
  acquire(key: string, weight: number, signal?: AbortSignal): Promise<Release> {
    const now = this.tryAcquire(key, weight);
    if (now) return Promise.resolve(now);
    const cost = this.costOf(weight);
    const slot = this.slotOf(key);
    if (signal?.aborted) return this.refuse(key, slot, 'aborted');
    if (this.limits.maxQueued !== undefined && slot.queued + cost > this.limits.maxQueued) return this.refuse(key, slot, 'queue_full');
    return new Promise<Release>((resolve, reject) => {
      const stopWaiting = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const waiter: Waiter = {
        weight: cost,
        grant: () => {
          stopWaiting();
          resolve(this.releaser(key, slot, cost));
        },
      };
      const leave = (reason: TurnRefused['reason']) => {
        stopWaiting();
        slot.waiting.splice(slot.waiting.indexOf(waiter), 1);
        slot.queued -= cost;
        // The one who left may have been first in line, holding back others that fit.
        this.admitWaiting(key, slot);
        reject(new TurnRefused(reason));
      };
      const onAbort = () => leave('aborted');
      const timer = this.limits.maxWaitMs === undefined ? undefined : setTimeout(() => leave('timeout'), this.limits.maxWaitMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      slot.waiting.push(waiter);
      slot.queued += cost;
    });
  }

  /**
   * Takes room at once, past the capacity if need be: for work without which a holder of this key's room
   * cannot finish, so making it queue behind the others could leave them all waiting on each other.
   */
  takeNow(key: string, weight: number): Release {
    const cost = this.costOf(weight);
    const slot = this.slotOf(key);
    slot.used += cost;
    return this.releaser(key, slot, cost);
  }

  /** Weight held under `key` now. */
  inUse(key: string): number {
    return this.slots.get(key)?.used ?? 0;
  }

  /** Weight waiting under `key` now. */
  queuedFor(key: string): number {
    return this.slots.get(key)?.queued ?? 0;
  }

  private costOf(weight: number): number {
    return Math.min(Math.max(weight, 1), this.capacity);
  }

  private slotOf(key: string): Slot {
    let slot = this.slots.get(key);
    if (!slot) {
      slot = { used: 0, queued: 0, waiting: [] };
      this.slots.set(key, slot);
    }
    return slot;
  }

  private refuse(key: string, slot: Slot, reason: TurnRefused['reason']): Promise<never> {
    this.forgetIfIdle(key, slot);
    return Promise.reject(new TurnRefused(reason));
  }

  private releaser(key: string, slot: Slot, cost: number): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      slot.used -= cost;
      this.admitWaiting(key, slot);
    };
  }

  private admitWaiting(key: string, slot: Slot): void {
    while (slot.waiting.length > 0 && slot.used + slot.waiting[0].weight <= this.capacity) {
      const next = slot.waiting.shift()!;
      slot.queued -= next.weight;
      slot.used += next.weight;
      next.grant();
    }
    this.forgetIfIdle(key, slot);
  }

  private forgetIfIdle(key: string, slot: Slot): void {
    if (slot.used === 0 && slot.waiting.length === 0) this.slots.delete(key);
  }
}
