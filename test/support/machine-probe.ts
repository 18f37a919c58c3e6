import { Controller, Get, Module, Post } from '@nestjs/common';
import { CurrentPrincipal, CurrentTenant, TenantRoute } from '../../libs/auth/src/index.js';
import type { Principal } from '../../libs/database/src/index.js';

/**
 * Test-only routes declaring scopes the way product routes will (events, analytics), mounted only in
 * the suites: they let HTTP tests prove scope enforcement before those modules exist.
 */
@Controller('test-probe')
class MachineProbeController {
  @Get('analytics')
  @TenantRoute({ minRole: 'viewer', scopes: ['analytics:read'] })
  analytics(@CurrentTenant() tenantId: string, @CurrentPrincipal() principal: Principal) {
    return { tenantId, principal };
  }

  @Get('events')
  @TenantRoute({ minRole: 'viewer', scopes: ['events:read'] })
  readEvents(@CurrentTenant() tenantId: string, @CurrentPrincipal() principal: Principal) {
    return { tenantId, principal };
  }

  @Post('events')
  @TenantRoute({ minRole: 'editor', scopes: ['events:write'], publishable: true })
  ingest(@CurrentTenant() tenantId: string, @CurrentPrincipal() principal: Principal) {
    return { tenantId, principal };
  }
}

@Module({ controllers: [MachineProbeController] })
export class MachineProbeModule {}
