import { Injectable } from '@nestjs/common';
import { EventInboxRepository } from './event-inbox.repository.js';

export interface PipelineStatus {
  /** Events accepted and not yet processed. */
  backlog: number;
  /** Arrival time of the oldest of them; null when none waits. */
  oldestPendingAt: string | null;
  /** How long the oldest has waited, in seconds (0 when none waits). */
  lagSeconds: number;
  /** The arrival time through which the tenant's events are processed (now, when none waits). */
  processedThrough: string;
  deadLetters: number;
}

@Injectable()
export class PipelineStatusService {
  constructor(private readonly inbox: EventInboxRepository) {}

  async status(now = new Date()): Promise<PipelineStatus> {
    const row = await this.inbox.status();
    const oldest = row.oldest_pending_at;
    return {
      backlog: row.backlog,
      oldestPendingAt: oldest?.toISOString() ?? null,
      lagSeconds: oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0,
      processedThrough: processedThrough(oldest, now).toISOString(),
      deadLetters: row.dead_letters,
    };
  }

  /** For `X-Data-Freshness`: one index probe. */
  async processedThrough(now = new Date()): Promise<Date> {
    return processedThrough(await this.inbox.oldestPendingAt(), now);
  }
}

/** Everything that arrived before the oldest waiting event is processed; with none waiting, everything. */
function processedThrough(oldestPending: Date | null, now: Date): Date {
  return oldestPending ? new Date(oldestPending.getTime() - 1) : now;
}
