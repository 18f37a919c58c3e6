import path from 'node:path';
import pg from 'pg';

/** The server the suites use: TEST_DATABASE_URL, else DATABASE_URL, else an embedded one (global setup). */
export const EMBEDDED_TEST_DATA_DIR = path.resolve('.data/test-postgres');
export const TEMPLATE_DATABASE = `admin_api_template_${process.pid}`;

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
