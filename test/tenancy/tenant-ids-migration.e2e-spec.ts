import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource, type MigrationInterface } from 'typeorm';
import { dataSourceOptions } from '../../libs/database/src/index.js';
import { MIGRATIONS } from '../../libs/database/src/migrations/index.js';
import { TenantIdsIgnoreCase1763824200000 } from '../../libs/database/src/migrations/1763824200000-TenantIdsIgnoreCase.js';
import { adminQuery, withDatabase } from '../setup/test-database.js';
import { createTestDatabase, type TestDatabase } from '../support/test-app.js';

/** Everything that makes the retired look-up what it was: definition, settings, owner and who may call it. */
const MEMBERSHIP_ROLE_STATE = `
  SELECT pg_get_functiondef(p.oid) AS definition, p.proconfig AS config, p.proacl::text AS acl, pg_get_userbyid(p.proowner) AS owner
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
   WHERE n.nspname = 'app_private' AND p.proname = 'membership_role'`;
const CASE_INDEX = `SELECT indexdef FROM pg_indexes WHERE tablename = 'tenants' AND indexname = 'tenants_id_lower_key'`;

type MigrationClass = new () => MigrationInterface;

async function withDataSource<T>(url: string, work: (dataSource: DataSource) => Promise<T>, migrations: MigrationClass[] = MIGRATIONS): Promise<T> {
  const dataSource = new DataSource(dataSourceOptions(url, { migrations }));
  await dataSource.initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

const inspect = (url: string, sql: string) => withDataSource(url, (dataSource) => dataSource.query<unknown[]>(sql));

/** Runs this migration's `up` or `down` alone, whatever was applied after it. */
const runStep = (url: string, step: 'up' | 'down') =>
  withDataSource(url, async (dataSource) => {
    const runner = dataSource.createQueryRunner();
    try {
      await new TenantIdsIgnoreCase1763824200000()[step](runner);
    } finally {
      await runner.release();
    }
  });

describe('migration TenantIdsIgnoreCase', () => {
  const serverUrl = () => process.env.TEST_SERVER_URL!;
  const earlierName = `admin_api_before_case_${process.pid}`;
  let migrated: TestDatabase;
  /** Migrated up to the migration before this one: the state its `down` must give back. */
  let earlierUrl: string;

  beforeAll(async () => {
    migrated = await createTestDatabase();
    await adminQuery(serverUrl(), `DROP DATABASE IF EXISTS ${earlierName}`);
    await adminQuery(serverUrl(), `CREATE DATABASE ${earlierName}`);
    earlierUrl = withDatabase(serverUrl(), earlierName);
    const earlier = MIGRATIONS.slice(0, MIGRATIONS.indexOf(TenantIdsIgnoreCase1763824200000));
    await withDataSource(earlierUrl, (dataSource) => dataSource.runMigrations({ transaction: 'each' }), earlier);
  });
  afterAll(async () => {
    await migrated.drop();
    await adminQuery(serverUrl(), `DROP DATABASE IF EXISTS ${earlierName} WITH (FORCE)`);
  });

  it('adds the case-insensitive index and drops the unused look-up', async () => {
    expect(await migrated.sql(MEMBERSHIP_ROLE_STATE)).toEqual([]);
    expect(await migrated.sql(CASE_INDEX)).toEqual([
      { indexdef: expect.stringContaining('UNIQUE INDEX tenants_id_lower_key ON public.tenants USING btree (lower(id))') },
    ]);
    await expect(migrated.sql(`INSERT INTO tenants (id, name) VALUES ('Acme', 'one'), ('ACME', 'two')`)).rejects.toThrow(/tenants_id_lower_key/);
  });

  it('reverts to exactly the state before it, and applies again', async () => {
    const original = await inspect(earlierUrl, MEMBERSHIP_ROLE_STATE);
    expect(original).toHaveLength(1);
    expect(await inspect(earlierUrl, CASE_INDEX)).toEqual([]);

    await runStep(migrated.url, 'down');
    expect(await migrated.sql(MEMBERSHIP_ROLE_STATE)).toEqual(original);
    expect(await migrated.sql(CASE_INDEX)).toEqual([]);

    await runStep(migrated.url, 'up');
    expect(await migrated.sql(MEMBERSHIP_ROLE_STATE)).toEqual([]);
    expect(await migrated.sql(CASE_INDEX)).toHaveLength(1);
  });
});
