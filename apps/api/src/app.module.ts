import { DynamicModule, Module } from '@nestjs/common';
import { ClsModule } from 'nestjs-cls';
import { LoggerModule } from 'nestjs-pino';
import { AuthModule } from '#libs/auth/src/index.js';
import { AppConfig, AppConfigModule } from '#libs/config/src/index.js';
import { DatabaseModule, releaseConnection, type RequestContext } from '#libs/database/src/index.js';
import { loggerParams, requestIdOf } from '#libs/http/src/index.js';
import { AuditModule } from '#libs/audit/src/index.js';
import { AccountSharingModule } from './account-sharing/account-sharing.module.js';
import { AttributionModule } from './attribution/attribution.module.js';
import { AuditFeatureModule } from './audit/audit.module.js';
import { FingerprintsModule } from './fingerprints/fingerprints.module.js';
import { FraudModule } from './fraud/fraud.module.js';
import { HealthModule } from './health/health.module.js';
import { TenancyModule } from './tenancy/tenancy.module.js';
import { UsersModule } from './users/users.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerParams(config.logLevel)),
        ClsModule.forRoot({
          global: true,
          middleware: {
            mount: true,
            setup: (cls, req, res) => {
              cls.set('requestId', requestIdOf(req));
              cls.set('ip', req.ip ?? '');
              // The request's connection (bound by the tenant guard) goes back to the pool once the answer is out.
              const store = cls.get() as RequestContext;
              res.on('close', () => {
                store.responseClosed = true;
                void releaseConnection(store);
              });
            },
          },
        }),
        DatabaseModule.forRoot(databaseUrl),
        AuthModule,
        AuditModule,
        HealthModule,
        TenancyModule,
        AuditFeatureModule,
        FingerprintsModule,
        UsersModule,
        // Fraud analytics
        FraudModule,
        AttributionModule,
        AccountSharingModule,
      ],
    };
  }
}
