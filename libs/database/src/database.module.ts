import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { APP_ROLE, createTenantPool, createWorkerPool, dataSourceOptions, DEFAULT_POOL_SIZE, poolSizes } from './data-source.js';
import { DATABASE_POOL, TENANT_POOL, WORKER_POOL } from './database.tokens.js';
import { TenantDatabase } from './tenant-database.js';

/**
 * Connections of the worker pool: one pipeline worker loop per instance, one for the pipeline's
 * maintenance, and two for background jobs and webhook deliveries (their turns are short and queue here).
 */
const WORKER_CONNECTIONS = 4;

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(url: string, poolSize = DEFAULT_POOL_SIZE): DynamicModule {
    const options = dataSourceOptions(url);
    const sizes = poolSizes(poolSize);
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          ...options,
          // Every pooled session starts as the RLS-bound role; no per-request SET ROLE round trip.
          extra: { ...(options.extra as object), max: sizes.shared, options: `-c role=${APP_ROLE}` },
          retryAttempts: 2,
          retryDelay: 1000,
        }),
      ],
      providers: [
        {
          provide: DATABASE_POOL,
          inject: [DataSource],
          useFactory: (dataSource: DataSource): Pool => (dataSource.driver as unknown as { master: Pool }).master,
        },
        { provide: TENANT_POOL, useFactory: () => createTenantPool(url, sizes.tenant) },
        // Created lazily by the pool on first use: an instance with WORKER=false never opens one.
        { provide: WORKER_POOL, useFactory: () => createWorkerPool(url, WORKER_CONNECTIONS) },
        TenantDatabase,
      ],
      exports: [DATABASE_POOL, WORKER_POOL, TenantDatabase],
    };
  }
}
