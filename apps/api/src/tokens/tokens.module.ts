import { DynamicModule, Module } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { MACHINE_AUTHENTICATOR } from '#libs/auth/src/index.js';
import { ApiTokensRepository } from './api-tokens.repository.js';
import { GatewayValidationService } from './internal/gateway-validation.service.js';
import { InternalSecretGuard } from './internal/internal-secret.guard.js';
import { InternalValidateController } from './internal/internal-validate.controller.js';
import { MachineAuthenticatorService } from './machine/machine-authenticator.service.js';
import { TokenCache } from './machine/token-cache.js';
import { TokenChangeListener } from './machine/token-change.listener.js';
import { TokenLookupRepository } from './machine/token-lookup.repository.js';
import { TokenUsageRecorder } from './machine/token-usage.recorder.js';
import { TokenVerifier } from './machine/token-verifier.js';
import { RateLimitModule } from './rate-limit/rate-limit.module.js';
import { AuthTokenController } from './service-jwt/auth-token.controller.js';
import { ServiceJwtService } from './service-jwt/service-jwt.service.js';
import { ServiceSigningKeys } from './service-jwt/service-signing-keys.js';
import { TokenExchangeService } from './service-jwt/token-exchange.service.js';
import { TokensController } from './tokens.controller.js';
import { TokensService } from './tokens.service.js';

/**
 * Machine access: token management, the machine authenticator used by the global auth guard (hence
 * global), gateway validation, the key-to-JWT exchange and its JWKS, and failed-attempt rate limits.
 */
@Module({})
export class TokensModule {
  static forRoot(options: { rateLimitRedis?: Redis } = {}): DynamicModule {
    return {
      module: TokensModule,
      global: true,
      imports: [RateLimitModule.forRoot(options.rateLimitRedis)],
      controllers: [TokensController, AuthTokenController, InternalValidateController],
      providers: [
        TokensService,
        ApiTokensRepository,
        TokenLookupRepository,
        TokenCache,
        TokenChangeListener,
        TokenUsageRecorder,
        TokenVerifier,
        ServiceSigningKeys,
        ServiceJwtService,
        TokenExchangeService,
        GatewayValidationService,
        InternalSecretGuard,
        MachineAuthenticatorService,
        { provide: MACHINE_AUTHENTICATOR, useExisting: MachineAuthenticatorService },
      ],
      // The service key also signs audit checkpoints.
      exports: [MACHINE_AUTHENTICATOR, ServiceSigningKeys],
    };
  }
}
