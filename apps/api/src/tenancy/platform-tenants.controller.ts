import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditAction } from '#libs/audit/src/index.js';
import { PlatformAdmin, SignedIn } from '#libs/auth/src/index.js';
import { ApiErrors, ApiJsonBody, DEFAULT_PAGE_SIZE, PageQueryDto } from '#libs/http/src/index.js';
import { Idempotent } from '#libs/idempotency/src/index.js';
import { CreateTenantDto } from './dto/tenant.dto.js';
import { TenantDto, TenantMembershipPageDto } from './dto/tenancy-responses.dto.js';
import { TenantsService } from './tenants.service.js';

@ApiTags('platform')
@Controller('v1/platform/tenants')
export class PlatformTenantsController {
  constructor(private readonly tenants: TenantsService) {}

  @Post()
  @PlatformAdmin()
  @Idempotent()
  @AuditAction({ operation: 'tenant.create', entityType: 'tenant' })
  @ApiOperation({ operationId: 'createTenant', summary: 'Creates a tenant with its first owner (superadmin or admin key)' })
  @ApiJsonBody(CreateTenantDto, {
    name: 'Acme Shop',
    allowedOrigins: ['https://shop.example.com'],
    ownerUserId: 'user_2owner',
    ownerEmail: 'owner@example.com',
  })
  @ApiCreatedResponse({ type: TenantDto })
  @ApiErrors(400, { status: 409, description: '`tenant_exists`: a tenant with this id exists (ids compare ignoring case)' })
  create(@Body() body: CreateTenantDto) {
    return this.tenants.create(body);
  }

  @Get()
  @SignedIn()
  @ApiOperation({ operationId: 'listTenants', summary: "The caller's tenants with its role on each (superadmins: every tenant)" })
  @ApiOkResponse({ type: TenantMembershipPageDto })
  @ApiErrors(400)
  list(@Query() query: PageQueryDto) {
    return this.tenants.listForCaller(query.limit ?? DEFAULT_PAGE_SIZE, query.cursor);
  }
}
