import { Module } from '@nestjs/common';
import { MembersController } from './members.controller.js';
import { MembersRepository } from './members.repository.js';
import { MembersService } from './members.service.js';
import { PlatformTenantsController } from './platform-tenants.controller.js';
import { PlatformTenantsRepository } from './platform-tenants.repository.js';
import { TenantController } from './tenant.controller.js';
import { TenantLock } from './tenant-lock.service.js';
import { TenantsRepository } from './tenants.repository.js';
import { TenantsService } from './tenants.service.js';

@Module({
  controllers: [PlatformTenantsController, TenantController, MembersController],
  providers: [TenantsService, MembersService, TenantLock, TenantsRepository, MembersRepository, PlatformTenantsRepository],
  exports: [TenantsService],
})
export class TenancyModule {}
