import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from '#libs/config/src/index.js';
import { createRootLogger, PinoLoggerService } from '#libs/http/src/index.js';
import { AppModule } from '../../../api/src/app.module.js';
import { openDatabase } from '../database.js';
import type { CliCommand } from '../main.js';

/**
 * `npm run worker`: the background work of an API instance without its HTTP server — the event pipeline's
 * worker loop, the job queue's workers and the webhook dispatcher — until SIGINT or SIGTERM, which let the
 * chunk in progress commit. It is the same application as an instance with WORKER=true, so several of
 * them share the work as instances do.
 */
export const workerCommand: CliCommand = {
  description: 'Runs the background workers alone (event pipeline, jobs, webhook deliveries), no HTTP server, until SIGINT/SIGTERM.',
  usage: '',
  options: {},
  async run() {
    let config;
    try {
      config = loadConfig({ ...process.env, WORKER: 'true' });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      console.error(error.message);
      return 2;
    }
    // Heard from the start: the workers begin while the application is still being set up.
    const stopped = new Promise<void>((resolve) => {
      process.on('SIGINT', resolve);
      process.on('SIGTERM', resolve);
    });
    const database = await openDatabase();
    const context = await NestFactory.createApplicationContext(AppModule.forRoot(config, database.url), {
      logger: new PinoLoggerService(createRootLogger(config.logLevel)),
    });
    console.log('Workers running (event pipeline, jobs, webhook deliveries); SIGTERM stops them');
    await stopped;
    await context.close();
    await database.stop();
    return 0;
  },
};
