import { Body, Controller, Get, HttpCode, Post, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiKeyExchange, Public } from '#libs/auth/src/index.js';
import { ApiErrors, ApiJsonBody } from '#libs/http/src/index.js';
import { ExchangeTokenDto, JwksDto, SECRET_TOKEN_PLACEHOLDER, ServiceTokenDto } from '../dto/machine.dto.js';
import { FailedAttemptLimiter } from '../rate-limit/failed-attempt.limiter.js';
import { ServiceSigningKeys } from './service-signing-keys.js';
import { TokenExchangeService } from './token-exchange.service.js';

const JWKS_MAX_AGE_SECONDS = 300;

@ApiTags('auth')
@Controller()
export class AuthTokenController {
  constructor(
    private readonly exchange: TokenExchangeService,
    private readonly keys: ServiceSigningKeys,
    private readonly limiter: FailedAttemptLimiter,
  ) {}

  @Post('v1/auth/token')
  @HttpCode(200)
  @ApiKeyExchange()
  @ApiOperation({ operationId: 'createServiceToken', summary: 'Exchanges a secret API key for a service JWT (ES256, 1 h) usable as Authorization: Bearer' })
  @ApiJsonBody(ExchangeTokenDto, { apiKey: SECRET_TOKEN_PLACEHOLDER })
  @ApiOkResponse({ type: ServiceTokenDto })
  @ApiErrors(
    400,
    { status: 401, description: '`unauthenticated`: invalid API key' },
    { status: 429, description: '`rate_limited`: more than 20 failed attempts from this client in a minute (Retry-After)' },
    503,
  )
  async token(@Body() body: ExchangeTokenDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const result = await this.exchange.exchange(body.apiKey);
    if (result) return result;
    await this.limiter.recordFailure('auth-token', req, res);
    throw new UnauthorizedException('Invalid API key');
  }

  @Get('.well-known/jwks.json')
  @Public()
  @ApiOperation({ operationId: 'getJwks', summary: 'Public keys (current and previous) that verify service JWTs and audit checkpoints' })
  @ApiOkResponse({ type: JwksDto })
  @ApiErrors(503)
  async jwks(@Res({ passthrough: true }) res: Response) {
    res.setHeader('Cache-Control', `public, max-age=${JWKS_MAX_AGE_SECONDS}`);
    return this.keys.jwks();
  }
}
