import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import pg from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { TextRowsQuery } from './text-rows.query.js';

/** Medium tests against the test server: the rows arrive over the real protocol. */
describe('TextRowsQuery', () => {
  let client: pg.Client;
  const connect = async (config: pg.ClientConfig = {}) => {
    client = new pg.Client({ connectionString: process.env.TEST_SERVER_URL, ...config });
    await client.connect();
  };
  const read = (text: string, expectedBytes?: number) => client.query(new TextRowsQuery(text, expectedBytes)).result;

  beforeEach(() => connect());
  afterEach(() => client.end());

  it("writes each row's first column as UTF-8, one after the other, and counts every row, NULL ones included", async () => {
    const { bytes, rows } = await read(`SELECT x, 'ignored' FROM (VALUES (1, E'a\\n'), (2, NULL), (3, E'é€😀\\n'), (4, '')) v(n, x) ORDER BY n`);
    expect(rows).toBe(4);
    expect(bytes.equals(Buffer.from('a\né€😀\n'))).toBe(true);
  });

  it('keeps every byte when the rows outgrow the buffer it started with', async () => {
    // Two-byte characters (α, β, ...), so a line never fits a byte count by chance.
    const sql = `SELECT repeat(chr(945 + g % 20), 50 + g % 7) || E'\\n' FROM generate_series(1, 3000) g ORDER BY g`;
    let expected = '';
    for (let g = 1; g <= 3000; g += 1) expected += `${String.fromCodePoint(945 + (g % 20)).repeat(50 + (g % 7))}\n`;
    expect(Buffer.byteLength(expected)).toBeGreaterThan(256 * 1024);

    const { bytes, rows } = await read(sql, 1);
    expect(rows).toBe(3000);
    expect(bytes.toString()).toBe(expected);
  });

  it("rejects with the server's error and leaves the connection usable", async () => {
    await expect(read('SELECT (1 / 0)::text')).rejects.toMatchObject({ code: '22012' });
    expect((await read(`SELECT 'next'`)).bytes.toString()).toBe('next');
  });

  it("ends node-postgres' read timeout when it completes, so nothing outlives the query", async () => {
    await client.end();
    await connect({ query_timeout: 100 });
    const query = new TextRowsQuery(`SELECT 'done'`);
    const failed = jest.spyOn(query, 'handleError');

    await client.query(query).result;
    await sleep(250);

    expect(failed).not.toHaveBeenCalled();
    expect((await read(`SELECT 'still usable'`)).bytes.toString()).toBe('still usable');
  });
});
