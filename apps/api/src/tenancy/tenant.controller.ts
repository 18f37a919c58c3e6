import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditAction } from '#libs/audit/src/index.js';
import { TenantRoute } from '#libs/auth/src/index.js';
import { ApiJsonBody } from '#libs/http/src/index.js';
import { UpdateTenantDto } from './dto/tenant.dto.js';
import { TenantDto } from './dto/tenancy-responses.dto.js';
import { SETTINGS_MANAGER_ROLE, TenantsService } from './tenants.service.js';

@ApiTags('tenancy')
@Controller('v1/tenant')
export class TenantController {
  constructor(private readonly tenants: TenantsService) {}

  @Get()
  @TenantRoute({ minRole: 'viewer' })
  @ApiOperation({ operationId: 'getTenant', summary: 'The tenant named by X-Organization-Id, with its settings' })
  @ApiOkResponse({ type: TenantDto })
  get() {
    return this.tenants.get();
  }

  @Patch()
  @TenantRoute({ minRole: SETTINGS_MANAGER_ROLE })
  @AuditAction({ operation: 'tenant.update', entityType: 'tenant' })
  @ApiOperation({ operationId: 'updateTenant', summary: 'Renames the tenant, replaces allowedOrigins, merges settings' })
  @ApiJsonBody(UpdateTenantDto, { settings: { retentionDays: 365 } })
  @ApiOkResponse({ type: TenantDto })
  update(@Body() body: UpdateTenantDto) {
    return this.tenants.update(body);
  }
}
