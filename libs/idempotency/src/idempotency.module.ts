import { Global, Module } from '@nestjs/common';
import { PlatformIdempotencyKeysRepository, TenantIdempotencyKeysRepository } from './idempotency-keys.repository.js';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';
import { IdempotencyStore } from './idempotency.store.js';

/** The key store every `@Idempotent()` route's interceptor uses; it owns both key tables. */
@Global()
@Module({
  providers: [IdempotencyStore, TenantIdempotencyKeysRepository, PlatformIdempotencyKeysRepository, IdempotencyInterceptor],
  exports: [IdempotencyStore, IdempotencyInterceptor],
})
export class IdempotencyModule {}
