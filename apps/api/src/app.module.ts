import { DynamicModule, Module } from '@nestjs/common';
import { ClsModule } from 'nestjs-cls';
import { LoggerModule } from 'nestjs-pino';
import { AuthModule } from '#libs/auth/src/index.js';
import { AppConfig, AppConfigModule } from '#libs/config/src/index.js';
import { DatabaseModule } from '#libs/database/src/index.js';
import { loggerParams, requestIdOf } from '#libs/http/src/index.js';
import { HealthModule } from './health/health.module.js';

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
            setup: (cls, req) => {
              cls.set('requestId', requestIdOf(req));
              cls.set('ip', req.ip ?? '');
            },
          },
        }),
        DatabaseModule.forRoot(databaseUrl),
        AuthModule,
        HealthModule,
      ],
    };
  }
}
