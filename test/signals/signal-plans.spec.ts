import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { CREATE_ARRIVED_EVENTS } from '../../apps/api/src/pipeline/arrived-events.js';
import { ACCOUNT_SHARING, DEVICE_SHARED, VELOCITY } from '../../apps/api/src/signals/signal-engine.repository.js';
import { CREATE_SIGNAL_FINDINGS } from '../../apps/api/src/signals/signal-findings.js';
import { createTestDatabase, type TestDatabase } from '../support/test-app.js';

/**
 * The signal statements whose keys come as an array parameter, as a long-running worker runs them: a
 * prepared statement switches to its generic plan after a few executions, and a generic plan cannot hash
 * a parameter's array. Each must still find the chunk's events of those keys through a hash of the
 * unnested keys, never by comparing every arrived event with the array element by element.
 */
const STATEMENTS: Array<[name: string, sql: string, types: string, args: string]> = [
  ['device_shared', DEVICE_SHARED, 'text, text[], int', `'t', ARRAY['fp1'], 3`],
  ['account_sharing', ACCOUNT_SHARING, 'text, text[], float8, int, float8', `'t', ARRAY['u1'], 24, 3, 500`],
  ['velocity', VELOCITY, 'text, text[], int, int', `'t', ARRAY['fp1'], 60, 30`],
];

describe('signal statements under generic plans (medium: real PostgreSQL)', () => {
  let db: TestDatabase;
  let client: pg.Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query(CREATE_ARRIVED_EVENTS);
    await client.query(CREATE_SIGNAL_FINDINGS);
    await client.query('SET plan_cache_mode = force_generic_plan');
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  it.each(STATEMENTS)('%s hashes the keys it is given', async (name, sql, types, args) => {
    await client.query(`PREPARE ${name} (${types}) AS ${sql}`);
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (COSTS OFF) EXECUTE ${name} (${args})`);
    const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
    expect(plan).toMatch(/Hash Cond: \(b\.\w+ = \(+unnest\(\$2\)/);
    expect(plan).not.toMatch(/= ANY \(\$2\)/);
  });
});
