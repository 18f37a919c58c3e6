import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import pg, { type Pool } from 'pg';
import { DATABASE_POOL } from '#libs/database/src/index.js';
import { TokenCache } from './token-cache.js';

export const TOKEN_CHANGES_CHANNEL = 'api_token_changes';
export const LISTENER_APPLICATION_NAME = 'admin-api-token-listener';
const RETRY_MS = [250, 1_000, 2_000, 5_000];
const ANNOUNCE_TIMEOUT_MS = 2_000;
const SEEN_RETENTION_MS = 30_000;

/**
 * LISTENs on a dedicated connection (same settings as the pool) for `api_token_changes`, which the
 * database sends at commit whenever a token is revoked, rotated, deleted or changes expiry. Each
 * notification evicts that token from this instance's cache. The cache is enabled only while the
 * listener is connected; a dropped connection disables it and reconnects with backoff.
 *
 * A change made here can wait for its own notification to come back (`announced`): by then PostgreSQL
 * has sent it to every listening instance, so an answer like "revoked" holds everywhere.
 */
@Injectable()
export class TokenChangeListener implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('TokenChangeListener');
  private client?: pg.Client;
  private retryTimer?: NodeJS.Timeout;
  private attempts = 0;
  private stopped = false;
  /** When each token's latest notification arrived, and who waits for the next one. */
  private readonly seen = new Map<string, number>();
  private readonly waiters = new Map<string, Set<() => void>>();

  constructor(
    @Inject(DATABASE_POOL) private readonly pool: Pool,
    private readonly cache: TokenCache,
  ) {}

  /** The first attempt is awaited so an instance starts with its cache on; failures retry in the background. */
  async onModuleInit(): Promise<void> {
    await this.connect();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.cache.disable();
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const options = (this.pool as Pool & { options: pg.ClientConfig }).options;
    const client = new pg.Client({ ...options, application_name: LISTENER_APPLICATION_NAME, keepAlive: true });
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      this.lost(client, error);
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (message) => {
      if (message.channel === TOKEN_CHANGES_CHANNEL && message.payload) this.changed(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${TOKEN_CHANGES_CHANNEL}`);
    } catch (error) {
      onLost(error as Error);
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.attempts = 0;
    this.cache.enable();
  }

  /**
   * Resolves once a notification for `tokenId` sent at or after `since` (epoch ms, taken before the
   * change committed) has arrived here, or after a bounded wait; at once while the listener is down
   * (this instance's cache is off then anyway).
   */
  async announced(tokenId: string, since: number): Promise<void> {
    if (!this.client || (this.seen.get(tokenId) ?? 0) >= since) return;
    await new Promise<void>((resolve) => {
      let waiters = this.waiters.get(tokenId);
      if (!waiters) this.waiters.set(tokenId, (waiters = new Set()));
      const done = () => {
        clearTimeout(timer);
        waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(() => {
        this.logger.warn(`no change notification for ${tokenId} within ${ANNOUNCE_TIMEOUT_MS} ms`);
        done();
      }, ANNOUNCE_TIMEOUT_MS);
      waiters.add(done);
    });
  }

  private changed(tokenId: string): void {
    this.cache.evict(tokenId);
    const now = Date.now();
    this.seen.delete(tokenId); // re-inserted last: the map stays in arrival order for pruning
    this.seen.set(tokenId, now);
    for (const [id, at] of this.seen) {
      if (at > now - SEEN_RETENTION_MS) break;
      this.seen.delete(id);
    }
    for (const done of [...(this.waiters.get(tokenId) ?? [])]) done();
    this.waiters.delete(tokenId);
  }

  private lost(client: pg.Client, error?: Error): void {
    this.cache.disable();
    if (this.client === client) this.client = undefined;
    client.end().catch(() => undefined);
    if (this.stopped) return;
    const delay = RETRY_MS[Math.min(this.attempts, RETRY_MS.length - 1)];
    this.attempts += 1;
    this.logger.warn({ err: error?.message }, `token change listener down; cache off, reconnecting in ${delay} ms`);
    this.retryTimer = setTimeout(() => void this.connect(), delay);
    this.retryTimer.unref();
  }
}
