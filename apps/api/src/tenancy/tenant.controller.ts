import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditAction } from '#libs/audit/src/index.js';
import { TenantRoute } from '#libs/auth/src/index.js';
import { UpdateTenantDto } from './dto/tenant.dto.js';
import { SETTINGS_MANAGER_ROLE, TenantsService } from './tenants.service.js';

@ApiTags('tenancy')
@Controller('v1/tenant')
export class TenantController {
  constructor(private readonly tenants: TenantsService) {}

  @Get()
  @TenantRoute({ minRole: 'viewer' })
  @ApiOperation({ summary: 'The tenant named by X-Organization-Id, with its settings' })
  get() {
    return this.tenants.get();
  }

  @Patch()
  @TenantRoute({ minRole: SETTINGS_MANAGER_ROLE })
  @AuditAction({ operation: 'tenant.update', entityType: 'tenant' })
  @ApiOperation({ summary: 'Renames the tenant, replaces allowedOrigins, merges settings' })
  update(@Body() body: UpdateTenantDto) {
    return this.tenants.update(body);
  }
}
