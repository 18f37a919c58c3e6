import { Global, Module } from '@nestjs/common';
import { AppConfig } from './app-config.js';

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Provides the already-validated AppConfig; validation happens once, before Nest boots. */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(config: AppConfig) {
    return { module: AppConfigModule, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] };
  }
}
