import path from 'node:path';
import { type EmbeddedDatabase, runMigrations, runningEmbeddedPostgres, startEmbeddedPostgres } from '#libs/database/src/index.js';

/**
 * The database a command works on: DATABASE_URL, or like `npm start` without it, the embedded server
 * under DATA_DIR (shared with a running `npm start`, else started for the command and stopped after).
 * Pending migrations are applied unless MIGRATIONS_RUN=false.
 */
export async function openDatabase(): Promise<EmbeddedDatabase> {
  const url = process.env.DATABASE_URL;
  let database: EmbeddedDatabase;
  if (url) {
    database = { url, port: Number(new URL(url).port || 5432), stop: () => Promise.resolve() };
  } else {
    const dataDir = path.join(path.resolve(process.env.DATA_DIR ?? '.data'), 'postgres');
    database = (await runningEmbeddedPostgres(dataDir)) ?? (await startEmbeddedPostgres(dataDir));
  }
  if (!/^(false|0)$/i.test(process.env.MIGRATIONS_RUN ?? 'true')) await runMigrations(database.url);
  return database;
}
