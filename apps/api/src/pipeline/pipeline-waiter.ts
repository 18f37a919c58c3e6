import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { TenantDatabase } from '#libs/database/src/index.js';
import { EventInboxRepository } from './event-inbox.repository.js';

/**
 * Workers on other instances process events too; nothing tells this process when, so a waiting request
 * also looks again this often. Each look is one short checkout of a tenant connection.
 */
const RECHECK_MS = 250;

/**
 * The in-process signals of the pipeline: accepting wakes this process's idle worker at once, and a
 * processed chunk wakes the requests waiting on its tenant (`Prefer: wait=N`). Waiting holds no
 * database connection: each look at the inbox checks one out briefly.
 */
@Injectable()
export class PipelineWaiter {
  private readonly signals = new EventEmitter().setMaxListeners(0);

  constructor(
    private readonly db: TenantDatabase,
    private readonly inbox: EventInboxRepository,
  ) {}

  accepted(tenantId: string): void {
    this.signals.emit('accepted', tenantId);
  }

  processed(tenantId: string): void {
    this.signals.emit(`processed:${tenantId}`);
  }

  /** Resolves at the next accepted event (any tenant), or after `ms`. */
  nextAcceptance(ms: number): Promise<void> {
    return this.next('accepted', ms);
  }

  /** True once no inbox row of the tenant in `range` is left; false if that takes longer than `seconds`. */
  async waitFor(tenantId: string, range: { first: string; last: string } | undefined, seconds: number): Promise<boolean> {
    if (!range) return true;
    const deadline = Date.now() + seconds * 1000;
    for (;;) {
      if (!(await this.db.runAsTenant(tenantId, () => this.inbox.pending(range.first, range.last)))) return true;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await this.next(`processed:${tenantId}`, Math.min(left, RECHECK_MS));
    }
  }

  private next(signal: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.signals.off(signal, done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.signals.on(signal, done);
    });
  }
}
