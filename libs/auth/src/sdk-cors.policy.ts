import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DATABASE_POOL } from '#libs/database/src/index.js';
import type { CorsOriginPolicy } from '#libs/http/src/index.js';

/** The SDK's cross-origin routes: event ingestion. */
const SDK_ROUTES = new Set(['/v1/events', '/v1/events/batch']);
/** Known origins are re-read this often, so a removed origin stops being allowed. */
const TTL_MS = 30_000;
/** An unknown origin re-reads the list at most this often, so new tenants' origins work at once without letting a flood of strangers hit the database. */
const MISS_REFRESH_MS = 1_000;

/**
 * CORS for the SDK routes: any origin that some tenant lists in `allowedOrigins`, without credentials.
 * A preflight carries no key, so this only lets the browser send the request; the Origin gate then checks
 * the origin against the key's own tenant. The list is cached per instance and re-read on a short TTL.
 */
@Injectable()
export class SdkCorsPolicy implements CorsOriginPolicy {
  readonly allowCredentials = false;
  private origins = new Set<string>();
  private loadedAt = 0;
  private inflight?: Promise<void>;

  constructor(@Inject(DATABASE_POOL) private readonly pool: Pool) {}

  matches(path: string, method: string): boolean {
    return method === 'POST' && SDK_ROUTES.has(path.length > 1 ? path.replace(/\/$/, '') : path);
  }

  async isAllowed(origin: string): Promise<boolean> {
    const age = Date.now() - this.loadedAt;
    if (age >= TTL_MS || (!this.origins.has(origin) && age >= MISS_REFRESH_MS)) await this.refresh();
    return this.origins.has(origin);
  }

  private refresh(): Promise<void> {
    this.inflight ??= this.pool
      .query<{ origin: string }>('SELECT app_private.sdk_allowed_origins() AS origin')
      .then(({ rows }) => {
        this.origins = new Set(rows.map((row) => row.origin));
        this.loadedAt = Date.now();
      })
      .finally(() => {
        this.inflight = undefined;
      });
    return this.inflight;
  }
}
