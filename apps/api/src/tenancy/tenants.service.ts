import { Injectable, NotFoundException } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { ClsService } from '#libs/common/src/cls.service.js';
import { AuditWriter } from '#libs/audit/src/index.js';
import { isPlatformOperator } from '#libs/auth/src/index.js';
import { deepMerge, JsonObject } from '#libs/common/src/deep-merge.js';
import { RequestContext, Role, TenantDatabase } from '#libs/database/src/index.js';
import { ApiException, CursorCodec, type CursorSpec, Page } from '#libs/http/src/index.js';
import { CreateTenantDto, UpdateTenantDto } from './dto/tenant.dto.js';
import { PlatformTenantsRepository } from './platform-tenants.repository.js';
import { TenantLock } from './tenant-lock.service.js';
import { TenantsRepository } from './tenants.repository.js';
import { Tenant, toTenant } from './tenant.types.js';

/** The role that renames the tenant and changes its origins and settings: the route's gate, and checked again under the tenant lock. */
export const SETTINGS_MANAGER_ROLE: Role = 'admin';
const TENANTS_CURSOR: CursorSpec<['text']> = { list: 'platform-tenants', sort: 'id', order: 'asc', positions: ['text'] };

@Injectable()
export class TenantsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly cls: ClsService<RequestContext>,
    private readonly tenants: TenantsRepository,
    private readonly lock: TenantLock,
    private readonly platform: PlatformTenantsRepository,
    private readonly audit: AuditWriter,
    private readonly cursors: CursorCodec,
  ) {}

  /** Platform operation: the tenant, its first owner and the platform audit row commit together. */
  async create(dto: CreateTenantDto): Promise<Tenant> {
    const id =
      dto.id ??
      `org_${randomBytes(12)
        .toString('base64url')
        .replace(/[^A-Za-z0-9]/g, '')}`;
    return this.db.runCrossTenant(() =>
      this.db.transaction(async () => {
        const row = await this.platform.create(
          { id, name: dto.name, allowedOrigins: dto.allowedOrigins ?? [] },
          { userId: dto.ownerUserId, email: dto.ownerEmail },
        );
        if (!row) throw new ApiException(409, 'tenant_exists', `A tenant with id ${id} already exists (tenant ids are compared ignoring case)`);
        await this.audit.record({
          operation: 'tenant.create',
          entityType: 'tenant',
          entityId: id,
          details: { name: dto.name, ownerUserId: dto.ownerUserId, allowedOrigins: dto.allowedOrigins ?? [] },
        });
        return toTenant(row);
      }),
    );
  }

  /** The caller's tenants; platform operators see every tenant, as owner. */
  async listForCaller(limit: number, cursor?: string): Promise<Page<{ id: string; name: string; role: string }>> {
    const [afterId] = this.cursors.decode(TENANTS_CURSOR, cursor) ?? [];
    const principal = this.cls.get('principal');
    const rows =
      principal?.kind === 'member' && !isPlatformOperator(principal)
        ? (await this.platform.listForUser(principal.sub, afterId, limit + 1)).filter(
            // A tenant IdP can mint any `sub`: its tokens see their own tenant only.
            (row) => principal.issuerTenantId === undefined || row.id === principal.issuerTenantId,
          )
        : (await this.db.runCrossTenant(() => this.platform.listAll(afterId, limit + 1))).map((row) => ({ ...row, role: 'owner' }));
    return this.cursors.page(
      TENANTS_CURSOR,
      rows,
      limit,
      (row) => row,
      (row) => [row.id],
    );
  }

  async get(): Promise<Tenant> {
    const row = await this.tenants.get();
    if (!row) throw new NotFoundException('Tenant not found');
    return toTenant(row);
  }

  async update(dto: UpdateTenantDto): Promise<Tenant> {
    return this.lock.change(SETTINGS_MANAGER_ROLE, async ({ tenant: current }) => {
      const settings = dto.settings ? deepMerge(current.settings, instanceToPlain(dto.settings)) : undefined;
      const row = await this.tenants.update({ name: dto.name, allowedOrigins: dto.allowedOrigins, settings });
      await this.audit.record({ operation: 'tenant.update', entityType: 'tenant', entityId: current.id, details: { changes: instanceToPlain(dto) } });
      return toTenant(row!);
    });
  }
}

/** DTO instances to plain JSON objects (drops class prototypes and undefined fields). */
function instanceToPlain(value: object): JsonObject {
  return JSON.parse(JSON.stringify(value)) as JsonObject;
}
