import pg from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations/index.js';

export const APP_ROLE = 'admin_api_app';

/** Client-side bounds so an unreachable database fails a request within seconds instead of hanging it. */
const CONNECT_TIMEOUT_MS = 3_000;
const QUERY_TIMEOUT_MS = 8_000;

export const DEFAULT_POOL_SIZE = 30;

const POOL_SETTINGS = {
  connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  query_timeout: QUERY_TIMEOUT_MS,
  idleTimeoutMillis: 30_000,
};

/**
 * An instance's connections (DATABASE_POOL_SIZE): a third for the shared pool (queries made before a
 * tenant is chosen: token look-ups, health, audit chains), the rest for tenant-bound requests.
 */
export function poolSizes(total: number): { shared: number; tenant: number } {
  const shared = Math.max(2, Math.round(total / 3));
  return { shared, tenant: total - shared };
}

/** The pool of tenant-bound request connections: sessions start as the RLS-bound role, like the shared pool's. */
export function createTenantPool(url: string, size: number): pg.Pool {
  return new pg.Pool({ connectionString: url, ...POOL_SETTINGS, max: size, application_name: 'admin-api-tenant', options: `-c role=${APP_ROLE}` });
}

/**
 * The event-pipeline workers' connections: one per worker loop, kept only while a chunk is processed.
 * A chunk's statements may run for seconds on a big tenant, past the request timeout; the server-side
 * statement timeout still ends a runaway. No JIT: a chunk's statements are planned above the JIT
 * threshold yet run a few hundred ms of index probes, and compiling device_shared's plan cost 33–65 ms
 * per farm chunk (of about 290 ms) for no measurable gain in execution.
 */
export function createWorkerPool(url: string, size: number): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: 10_000,
    max: size,
    application_name: 'admin-api-worker',
    options: `-c role=${APP_ROLE} -c statement_timeout=120000 -c jit=off`,
  });
  // A checked-out client whose session the server ends (restart, failover, an operator's kill) emits
  // 'error'; unheard, that ends the process. The statement in flight fails and the chunk rolls back.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

export function dataSourceOptions(url: string, overrides: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: 'typeorm_migrations',
    migrations: MIGRATIONS,
    entities: [],
    logging: false,
    extra: {
      ...POOL_SETTINGS,
      application_name: 'admin-api',
    },
    ...overrides,
  } as DataSourceOptions;
}

/** Applies pending migrations as the URL's user (the schema owner), then disconnects. */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(url));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
