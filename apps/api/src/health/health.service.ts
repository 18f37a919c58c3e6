import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DATABASE_POOL } from '#libs/database/src/index.js';
import { APP_VERSION } from '../version.js';

export interface HealthStatus {
  status: 'ok' | 'error';
  db: 'up' | 'down';
  version: string;
}

const PING_TIMEOUT_MS = 2_000;

@Injectable()
export class HealthService {
  constructor(@Inject(DATABASE_POOL) private readonly pool: Pool) {}

  async check(): Promise<HealthStatus> {
    const up = await Promise.race([
      this.pool.query('SELECT 1').then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => setTimeout(resolve, PING_TIMEOUT_MS, false).unref()),
    ]);
    return { status: up ? 'ok' : 'error', db: up ? 'up' : 'down', version: APP_VERSION };
  }
}
