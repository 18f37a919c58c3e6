import { Body, Controller, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBody,
  ApiForbiddenResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Internal } from '#libs/auth/src/index.js';
import { InvalidTokenDto, ValidateTokenDto, ValidTokenDto } from '../dto/machine.dto.js';
import { FailedAttemptLimiter } from '../rate-limit/failed-attempt.limiter.js';
import { GatewayValidationService, type GatewayValidation } from './gateway-validation.service.js';
import { InternalSecretGuard } from './internal-secret.guard.js';
import { type TokenBody, TokenBodyPipe } from './token-body.pipe.js';

@ApiTags('internal')
@Controller('internal')
export class InternalValidateController {
  constructor(
    private readonly validation: GatewayValidationService,
    private readonly limiter: FailedAttemptLimiter,
  ) {}

  @Post('validate')
  @HttpCode(200)
  @Internal()
  @UseGuards(InternalSecretGuard)
  @ApiOperation({ summary: "The gateway's token check: served from an in-process cache that every revocation evicts at once" })
  @ApiHeader({ name: 'Cache-Control', required: false, description: '`no-cache`: read the token from the database instead of the cache' })
  @ApiBody({ type: ValidateTokenDto })
  @ApiOkResponse({ type: ValidTokenDto })
  @ApiUnauthorizedResponse({ type: InvalidTokenDto })
  @ApiForbiddenResponse({ description: 'Wrong or missing X-Internal-Secret' })
  @ApiServiceUnavailableResponse({ description: 'INTERNAL_API_SECRET is not configured' })
  @ApiTooManyRequestsResponse({ description: 'More than 30 failed attempts from this client in a minute (Retry-After)' })
  async validate(@Body(TokenBodyPipe) body: TokenBody, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<GatewayValidation> {
    const result = await this.validation.validate(body.token, { fresh: /\bno-cache\b/i.test(req.headers['cache-control'] ?? '') });
    if (!result.valid) {
      await this.limiter.recordFailure('internal-validate', req, res);
      res.status(401);
    }
    return result;
  }
}
