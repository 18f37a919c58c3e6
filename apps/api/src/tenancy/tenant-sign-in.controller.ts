import { Body, Controller, Delete, Get, HttpCode, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditAction } from '#libs/audit/src/index.js';
import { TenantRoute } from '#libs/auth/src/index.js';
import { ApiErrors, ApiJsonBody } from '#libs/http/src/index.js';
import { EXAMPLE_ROLE_STRATEGY, EXAMPLE_TENANT_IDP, PutRoleStrategyDto, PutTenantIdpDto, RoleStrategyDto, TenantIdpDto } from './dto/tenant-sign-in.dto.js';
import { TenantSignInService } from './tenant-sign-in.service.js';

@ApiTags('tenancy')
@Controller('v1/tenant')
export class TenantSignInController {
  constructor(private readonly signIn: TenantSignInService) {}

  @Get('idp')
  @TenantRoute({ minRole: 'admin' })
  @ApiOperation({ operationId: 'getTenantIdp', summary: "The tenant's own identity provider" })
  @ApiOkResponse({ type: TenantIdpDto })
  getIdp() {
    return this.signIn.getIdp();
  }

  @Put('idp')
  @TenantRoute({ minRole: 'owner' })
  @AuditAction({ operation: 'tenant.idp.put', entityType: 'tenant' })
  @ApiOperation({
    operationId: 'putTenantIdp',
    summary: "Registers or replaces the tenant's identity provider; its JWKS is fetched once first, and its tokens are then valid for this tenant only",
  })
  @ApiOkResponse({ type: TenantIdpDto })
  @ApiJsonBody(PutTenantIdpDto, EXAMPLE_TENANT_IDP)
  @ApiErrors({ status: 409, description: 'issuer_taken: another tenant or the platform uses this issuer' })
  putIdp(@Body() body: PutTenantIdpDto) {
    return this.signIn.putIdp(body);
  }

  @Delete('idp')
  @HttpCode(204)
  @TenantRoute({ minRole: 'owner' })
  @AuditAction({ operation: 'tenant.idp.delete', entityType: 'tenant' })
  @ApiOperation({ operationId: 'deleteTenantIdp', summary: "Removes the tenant's identity provider (idempotent); its tokens stop working at once" })
  @ApiNoContentResponse({ description: 'Removed' })
  async deleteIdp(): Promise<void> {
    await this.signIn.deleteIdp();
  }

  @Put('role-strategy')
  @TenantRoute({ minRole: 'owner' })
  @AuditAction({ operation: 'tenant.role_strategy.put', entityType: 'tenant' })
  @ApiOperation({
    operationId: 'putTenantRoleStrategy',
    summary: "Where members' roles come from: membership rows, or the token's claims (owners keep their rows)",
  })
  @ApiOkResponse({ type: RoleStrategyDto })
  @ApiJsonBody(PutRoleStrategyDto, EXAMPLE_ROLE_STRATEGY)
  putRoleStrategy(@Body() body: PutRoleStrategyDto) {
    return this.signIn.putRoleStrategy(body);
  }
}
