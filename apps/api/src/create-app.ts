import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AuditRecorders } from '#libs/audit/src/index.js';
import { SdkCorsPolicy } from '#libs/auth/src/index.js';
import type { AppConfig } from '#libs/config/src/index.js';
import {
  AllExceptionsFilter,
  corsMiddleware,
  createRootLogger,
  createValidationPipe,
  PinoLoggerService,
  rejectUnsafeText,
  requestIdMiddleware,
  requestLogMiddleware,
  securityHeaders,
  parseJsonBodyUnless,
} from '#libs/http/src/index.js';
import { AppModule, type AppModuleOptions } from './app.module.js';
import { ForegroundRequests } from './pipeline/foreground-requests.js';
import { isIngestRequest } from './pipeline/ingest-routes.js';
import { setupSwagger } from './swagger.js';
import { connectRateLimitRedis } from './tokens/rate-limit/redis-throttler.storage.js';

/** Builds the fully configured HTTP app; `main.ts` and the integration suites share it. */
export async function createApp(config: AppConfig, databaseUrl: string, options: Pick<AppModuleOptions, 'imports'> = {}): Promise<NestExpressApplication> {
  // Before Nest boots, so an unreachable REDIS_URL is a start-up error that names it.
  const rateLimitRedis = config.redisUrl ? await connectRateLimitRedis(config.redisUrl) : undefined;
  const logger = createRootLogger(config.logLevel);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl, { ...options, rateLimitRedis }), {
    logger: new PinoLoggerService(logger),
    bodyParser: false,
  }).catch((error: unknown) => {
    rateLimitRedis?.disconnect();
    throw error;
  });
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // API answers are no-store: hashing every body for an ETag buys nothing.
  app.set('etag', false);
  app.use(requestIdMiddleware, requestLogMiddleware(logger), securityHeaders, corsMiddleware(config.corsAllowedOrigins, [app.get(SdkCorsPolicy)]));
  app.use(app.get(ForegroundRequests).track);
  // Ingestion reads its body after its gates and its tenant's turn (see IngestAdmission).
  app.use(parseJsonBodyUnless(isIngestRequest));
  app.use(rejectUnsafeText);
  app.useGlobalFilters(new AllExceptionsFilter(app.get(AuditRecorders)));
  app.useGlobalPipes(createValidationPipe());
  setupSwagger(app);
  await app.init();
  return app;
}
