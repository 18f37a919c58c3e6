import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditAction } from '#libs/audit/src/index.js';
import { PlatformAdmin, SignedIn } from '#libs/auth/src/index.js';
import { DEFAULT_PAGE_SIZE, PageQueryDto } from '#libs/http/src/index.js';
import { Idempotent } from '#libs/idempotency/src/index.js';
import { CreateTenantDto } from './dto/tenant.dto.js';
import { TenantsService } from './tenants.service.js';

@ApiTags('platform')
@Controller('v1/platform/tenants')
export class PlatformTenantsController {
  constructor(private readonly tenants: TenantsService) {}

  @Post()
  @PlatformAdmin()
  @Idempotent()
  @AuditAction({ operation: 'tenant.create', entityType: 'tenant' })
  @ApiOperation({ summary: 'Creates a tenant with its first owner (superadmin or admin key)' })
  @ApiCreatedResponse({ description: 'Created' })
  @ApiConflictResponse({ description: 'A tenant with this id exists' })
  create(@Body() body: CreateTenantDto) {
    return this.tenants.create(body);
  }

  @Get()
  @SignedIn()
  @ApiOperation({ summary: "The caller's tenants with its role on each (superadmins: every tenant)" })
  list(@Query() query: PageQueryDto) {
    return this.tenants.listForCaller(query.limit ?? DEFAULT_PAGE_SIZE, query.cursor);
  }
}
