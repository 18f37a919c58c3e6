import { Module } from '@nestjs/common';
import { MembersController } from './members.controller.js';
import { MembersRepository } from './members.repository.js';
import { MembersService } from './members.service.js';
import { PlatformTenantsController } from './platform-tenants.controller.js';
import { PlatformTenantsRepository } from './platform-tenants.repository.js';
import { TenantController } from './tenant.controller.js';
import { TenantLock } from './tenant-lock.service.js';
import { TenantSignInController } from './tenant-sign-in.controller.js';
import { TenantSignInRepository } from './tenant-sign-in.repository.js';
import { TenantSignInService } from './tenant-sign-in.service.js';
import { TenantsRepository } from './tenants.repository.js';
import { TenantsService } from './tenants.service.js';

@Module({
  controllers: [PlatformTenantsController, TenantController, TenantSignInController, MembersController],
  providers: [
    TenantsService,
    MembersService,
    TenantSignInService,
    TenantLock,
    TenantsRepository,
    MembersRepository,
    PlatformTenantsRepository,
    TenantSignInRepository,
  ],
  exports: [TenantsService],
})
export class TenancyModule {}
