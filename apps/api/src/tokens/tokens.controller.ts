import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AuditAction } from '#libs/audit/src/index.js';
import { TenantRoute } from '#libs/auth/src/index.js';
import { ApiErrors, ApiJsonBody, DEFAULT_PAGE_SIZE, PageQueryDto } from '#libs/http/src/index.js';
import { Idempotent } from '#libs/idempotency/src/index.js';
import { CreatedTokenDto, CreateTokenDto, RotatedTokenDto, RotateTokenDto, TokenPageDto } from './dto/token.dto.js';
import { ParseTokenIdPipe } from './token-id.pipe.js';
import { TokensService } from './tokens.service.js';

const TOKEN_ID = { name: 'id', description: 'The token id (`tok_...`), from GET /v1/tokens', example: 'tok_3q2S0VbXk9mWq7cF1aB2cD' };

@ApiTags('tokens')
@Controller('v1/tokens')
export class TokensController {
  constructor(private readonly tokens: TokensService) {}

  @Post()
  @TenantRoute({ minRole: 'admin' })
  @Idempotent()
  @AuditAction({ operation: 'token.create', entityType: 'token' })
  @ApiOperation({ operationId: 'createToken', summary: 'Creates an API token; the plaintext `token` is in this response only' })
  @ApiJsonBody(CreateTokenDto, { name: 'Checkout backend', kind: 'secret', scopes: ['events:write', 'analytics:read'] })
  @ApiCreatedResponse({ type: CreatedTokenDto })
  create(@Body() body: CreateTokenDto) {
    return this.tokens.create(body);
  }

  @Get()
  @TenantRoute({ minRole: 'admin' })
  @ApiOperation({ operationId: 'listTokens', summary: "The tenant's tokens, newest first, without secrets" })
  @ApiOkResponse({ type: TokenPageDto })
  list(@Query() query: PageQueryDto) {
    return this.tokens.list(query.limit ?? DEFAULT_PAGE_SIZE, query.cursor);
  }

  @Delete(':id')
  @HttpCode(204)
  @TenantRoute({ minRole: 'admin' })
  @AuditAction({ operation: 'token.revoke', entityType: 'token', entityIdParam: 'id' })
  @ApiOperation({ operationId: 'revokeToken', summary: 'Revokes a token (idempotent), at once on every instance, with the service JWTs minted from it' })
  @ApiParam(TOKEN_ID)
  @ApiNoContentResponse({ description: 'Revoked (or already revoked)' })
  async revoke(@Param('id', ParseTokenIdPipe) id: string): Promise<void> {
    await this.tokens.revoke(id);
  }

  @Post(':id/rotate')
  @TenantRoute({ minRole: 'admin' })
  @Idempotent()
  @AuditAction({ operation: 'token.rotate', entityType: 'token', entityIdParam: 'id' })
  @ApiOperation({ operationId: 'rotateToken', summary: 'Issues a new secret for the token; the old one keeps working for graceSeconds' })
  @ApiParam(TOKEN_ID)
  @ApiJsonBody(RotateTokenDto, { graceSeconds: 3600 })
  @ApiCreatedResponse({ type: RotatedTokenDto })
  @ApiErrors({ status: 409, description: '`conflict`: the token is revoked or expired' })
  rotate(@Param('id', ParseTokenIdPipe) id: string, @Body() body: RotateTokenDto) {
    return this.tokens.rotate(id, body.graceSeconds ?? 0);
  }
}
