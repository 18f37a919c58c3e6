import { DynamicModule, type MiddlewareConsumer, Module, type ModuleMetadata, type NestModule } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { ClsModule } from '#libs/common/src/cls.module.js';
import { ClsService } from '#libs/common/src/cls.service.js';
import { AuthModule } from '#libs/auth/src/index.js';
import { AppConfig, AppConfigModule } from '#libs/config/src/index.js';
import { DatabaseModule, type RequestContext } from '#libs/database/src/index.js';
import { CursorModule } from '#libs/http/src/index.js';
import { AuditModule } from '#libs/audit/src/index.js';
import { IdempotencyModule } from '#libs/idempotency/src/index.js';
import { AnalyticsModule } from './analytics/analytics.module.js';
import { AccountSharingModule } from './account-sharing/account-sharing.module.js';
import { AttributionModule } from './attribution/attribution.module.js';
import { AuditFeatureModule } from './audit/audit.module.js';
import { FingerprintsModule } from './fingerprints/fingerprints.module.js';
import { FraudModule } from './fraud/fraud.module.js';
import { HealthModule } from './health/health.module.js';
import { IncidentsModule } from './incidents/incidents.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';
import { requestContextMiddleware } from './request-context.middleware.js';
import { PipelineModule } from './pipeline/pipeline.module.js';
import { TenancyModule } from './tenancy/tenancy.module.js';
import { UsersModule } from './users/users.module.js';
import { TokensModule } from './tokens/tokens.module.js';

export interface AppModuleOptions {
  /** Connected Redis for rate limits shared across instances (REDIS_URL); in process when absent. */
  rateLimitRedis?: Redis;
  /** Extra modules (integration suites mount probe routes this way). */
  imports?: ModuleMetadata['imports'];
}

@Module({})
export class AppModule implements NestModule {
  constructor(private readonly cls: ClsService<RequestContext>) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(requestContextMiddleware(this.cls)).forRoutes('/');
  }

  static forRoot(config: AppConfig, databaseUrl: string, options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        ClsModule,
        DatabaseModule.forRoot(databaseUrl, config.databasePoolSize),
        AuthModule,
        AuditModule,
        CursorModule,
        IdempotencyModule,
        JobsModule.forRoot({ databaseUrl, worker: config.worker }),
        WebhooksModule,
        HealthModule,
        TenancyModule,
        AuditFeatureModule,
        TokensModule.forRoot({ rateLimitRedis: options.rateLimitRedis }),
        ...(options.imports ?? []),
        PipelineModule.forRoot({ backlogMax: config.eventBacklogMax, worker: config.worker, jobs: true }),
        FingerprintsModule,
        UsersModule,
        // Fraud analytics
        FraudModule,
        AttributionModule,
        AccountSharingModule,
        IncidentsModule,
        AnalyticsModule,
      ],
    };
  }
}
