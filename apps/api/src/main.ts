import 'dotenv/config';
import { ConfigError, loadConfig } from '#libs/config/src/index.js';
import { type EmbeddedDatabase, runMigrations, startEmbeddedPostgres } from '#libs/database/src/index.js';
import path from 'node:path';
import { createApp } from './create-app.js';
import { prepareDevelopmentEnvironment } from './dev/dev-environment.js';

async function main(): Promise<void> {
  const config = loadConfig();
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    console.log(`No DATABASE_URL: starting the embedded PostgreSQL in ${path.join(config.dataDir, 'postgres')}`);
    embedded = await startEmbeddedPostgres(path.join(config.dataDir, 'postgres'));
    databaseUrl = embedded.url;
  }
  if (config.migrationsRun) {
    const applied = await runMigrations(databaseUrl);
    if (applied.length > 0) console.log(`Applied migrations: ${applied.join(', ')}`);
  }
  const app = await createApp(config, databaseUrl);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    await app.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await app.listen(config.port, '0.0.0.0');
  const baseUrl = `http://localhost:${config.port}`;
  console.log(`Admin API listening on ${baseUrl} (Swagger UI: ${baseUrl}/docs)`);
  if (!config.isProduction && !process.env.SKIPDEV) await prepareDevelopmentEnvironment(app, baseUrl, embedded ? databaseUrl : undefined);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
