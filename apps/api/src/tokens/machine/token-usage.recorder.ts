import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { TokenLookupRepository, type TokenUse } from './token-lookup.repository.js';

export const USAGE_FLUSH_INTERVAL_MS = 5_000;

/**
 * lastUsedAt without a write per request: uses accumulate in memory (latest per token) and one
 * UPDATE every few seconds writes them all. A failed flush keeps the uses for the next one.
 */
@Injectable()
export class TokenUsageRecorder implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('TokenUsage');
  private pending = new Map<string, TokenUse>();
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;

  constructor(private readonly lookup: TokenLookupRepository) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), USAGE_FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  /** Runs before the pool closes (module destroy precedes application shutdown), so nothing is lost. */
  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.flushing;
    await this.flush();
  }

  record(tenantId: string, tokenId: string, usedAt = Date.now()): void {
    this.pending.set(tokenId, { tenantId, tokenId, usedAt });
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    const write = this.lookup.recordUse([...batch.values()]).catch((error: unknown) => {
      for (const [tokenId, use] of batch) if (!this.pending.has(tokenId)) this.pending.set(tokenId, use);
      this.logger.warn({ err: error instanceof Error ? error.message : error }, 'could not record token use; will retry');
    });
    this.flushing = write;
    await write;
  }
}
