import { DynamicModule, Module, type ModuleMetadata } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { ClsModule } from 'nestjs-cls';
import { AuthModule } from '#libs/auth/src/index.js';
import { AppConfig, AppConfigModule } from '#libs/config/src/index.js';
import { DatabaseModule, releaseConnection, type RequestContext } from '#libs/database/src/index.js';
import { requestIdOf } from '#libs/http/src/index.js';
import { AuditModule } from '#libs/audit/src/index.js';
import { AccountSharingModule } from './account-sharing/account-sharing.module.js';
import { AttributionModule } from './attribution/attribution.module.js';
import { AuditFeatureModule } from './audit/audit.module.js';
import { FingerprintsModule } from './fingerprints/fingerprints.module.js';
import { FraudModule } from './fraud/fraud.module.js';
import { HealthModule } from './health/health.module.js';
import { IncidentsModule } from './incidents/incidents.module.js';
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
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string, options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        ClsModule.forRoot({
          global: true,
          middleware: {
            mount: true,
            // No proxy providers or plugins here: skipping their per-request resolution (a dynamic import each time) is measurable.
            resolveProxyProviders: false,
            initializePlugins: false,
            saveReq: false,
            setup: (cls, req, res) => {
              // nestjs-cls copies an active outer store into a nested one; on a keep-alive socket that can be
              // the previous request's (with its connection). Every request starts from a clean store.
              const store = cls.get() as RequestContext;
              for (const key of Object.keys(store)) delete (store as unknown as Record<string, unknown>)[key];
              store.requestId = requestIdOf(req);
              store.ip = req.ip ?? '';
              // The request's connection (bound by the tenant guard) goes back to the pool once the answer is out,
              // or once the client has gone away without it.
              res.on('close', () => void releaseConnection(store, { abandoned: !res.writableFinished }));
            },
          },
        }),
        DatabaseModule.forRoot(databaseUrl, config.databasePoolSize),
        AuthModule,
        AuditModule,
        HealthModule,
        TenancyModule,
        AuditFeatureModule,
        TokensModule.forRoot({ rateLimitRedis: options.rateLimitRedis }),
        ...(options.imports ?? []),
        PipelineModule.forRoot({ backlogMax: config.eventBacklogMax, worker: config.worker }),
        FingerprintsModule,
        UsersModule,
        // Fraud analytics
        FraudModule,
        AttributionModule,
        AccountSharingModule,
        IncidentsModule,
      ],
    };
  }
}
