import { Body, Controller, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Internal } from '#libs/auth/src/index.js';
import { ApiErrors, ApiJsonBody } from '#libs/http/src/index.js';
import { InvalidTokenDto, SECRET_TOKEN_PLACEHOLDER, ValidateTokenDto, ValidTokenDto } from '../dto/machine.dto.js';
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
  @ApiOperation({ operationId: 'validateToken', summary: "The gateway's token check: served from an in-process cache that every revocation evicts at once" })
  @ApiHeader({ name: 'Cache-Control', required: false, description: '`no-cache`: read the token from the database instead of the cache' })
  @ApiJsonBody(ValidateTokenDto, { token: SECRET_TOKEN_PLACEHOLDER })
  @ApiOkResponse({ type: ValidTokenDto })
  // The gateway's own answer for a token that does not work, not the error body.
  @ApiUnauthorizedResponse({ type: InvalidTokenDto, description: 'The token does not work: `{valid:false, reason}`' })
  @ApiErrors(
    { status: 400, description: '`validation_failed`: the body is not `{token}`' },
    { status: 403, description: '`forbidden`: wrong or missing X-Internal-Secret' },
    { status: 429, description: '`rate_limited`: more than 30 failed attempts from this client in a minute (Retry-After)' },
    { status: 503, description: '`service_unavailable`: INTERNAL_API_SECRET is not configured; or the database is unreachable' },
  )
  async validate(@Body(TokenBodyPipe) body: TokenBody, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<GatewayValidation> {
    const result = await this.validation.validate(body.token, { fresh: /\bno-cache\b/i.test(req.headers['cache-control'] ?? '') });
    if (!result.valid) {
      await this.limiter.recordFailure('internal-validate', req, res);
      res.status(401);
    }
    return result;
  }
}
