import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AuditRecorders } from '#libs/audit/src/index.js';
import type { AppConfig } from '#libs/config/src/index.js';
import {
  AllExceptionsFilter,
  corsMiddleware,
  createRootLogger,
  createValidationPipe,
  noStore,
  PinoLoggerService,
  requestIdMiddleware,
  requestLogMiddleware,
  securityHeaders,
} from '#libs/http/src/index.js';
import { AppModule } from './app.module.js';
import { setupSwagger } from './swagger.js';

export const BODY_LIMIT = '1mb';

/** Builds the fully configured HTTP app; `main.ts` and the integration suites share it. */
export async function createApp(config: AppConfig, databaseUrl: string): Promise<NestExpressApplication> {
  const logger = createRootLogger(config.logLevel);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl), {
    logger: new PinoLoggerService(logger),
    bodyParser: false,
  });
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use(requestIdMiddleware, requestLogMiddleware(logger), securityHeaders, noStore, corsMiddleware(config.corsAllowedOrigins));
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useGlobalFilters(new AllExceptionsFilter(app.get(AuditRecorders)));
  app.useGlobalPipes(createValidationPipe());
  setupSwagger(app);
  await app.init();
  return app;
}
