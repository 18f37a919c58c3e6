import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AuditRecorders } from '#libs/audit/src/index.js';
import { SdkCorsPolicy } from '#libs/auth/src/index.js';
import type { AppConfig } from '#libs/config/src/index.js';
import {
  AllExceptionsFilter,
  corsMiddleware,
  createValidationPipe,
  noStore,
  requestIdMiddleware,
  securityHeaders,
} from '#libs/http/src/index.js';
import { AppModule } from './app.module.js';
import { setupSwagger } from './swagger.js';

export const BODY_LIMIT = '1mb';

/** Builds the fully configured HTTP app; `main.ts` and the integration suites share it. */
export async function createApp(config: AppConfig, databaseUrl: string): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use(requestIdMiddleware, securityHeaders, noStore, corsMiddleware(config.corsAllowedOrigins, [app.get(SdkCorsPolicy)]));
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useGlobalFilters(new AllExceptionsFilter(app.get(AuditRecorders)));
  app.useGlobalPipes(createValidationPipe());
  setupSwagger(app);
  await app.init();
  return app;
}
