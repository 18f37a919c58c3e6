// Runs in Jest's parent process, outside the TypeScript transform: it uses the build that `npm test` compiles first.
import { runMigrations, startEmbeddedPostgres } from '../../dist/libs/database/src/index.js';
import { adminQuery, EMBEDDED_TEST_DATA_DIR, TEMPLATE_DATABASE, withDatabase } from '../../dist/test/setup/test-database.js';

/**
 * Migrates once into a template database; each suite then gets `CREATE DATABASE ... TEMPLATE` of it,
 * so files run isolated and in parallel against a real PostgreSQL.
 */
export default async function globalSetup() {
  let serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres(EMBEDDED_TEST_DATA_DIR);
    globalThis.__EMBEDDED_PG__ = embedded;
    serverUrl = embedded.url;
  }
  await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE}`);
  await adminQuery(serverUrl, `CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await runMigrations(withDatabase(serverUrl, TEMPLATE_DATABASE));
  process.env.TEST_SERVER_URL = serverUrl;
  process.env.TEST_TEMPLATE_DATABASE = TEMPLATE_DATABASE;
}
