import { Injectable, NotFoundException } from '@nestjs/common';
import { ClsService } from '#libs/common/src/cls.service.js';
import { isPlatformOperator, membershipRequired, requireRole } from '#libs/auth/src/index.js';
import { RequestContext, Role, TenantDatabase } from '#libs/database/src/index.js';
import { MembersRepository } from './members.repository.js';
import { TenantsRepository } from './tenants.repository.js';
import type { TenantRow } from './tenant.types.js';

export interface LockedTenant {
  tenant: TenantRow;
  /** The caller's role read after the lock was taken (superadmins and the admin key: owner). */
  callerRole: Role;
}

/**
 * Changes to a tenant's members or settings run one at a time per tenant, inside one transaction that
 * holds the tenant row. The role the gates read before the lock may be stale by the time it is granted
 * (the caller removed or demoted by a change that committed meanwhile), so the change decides on the
 * caller's membership read again under the lock.
 */
@Injectable()
export class TenantLock {
  constructor(
    private readonly db: TenantDatabase,
    private readonly cls: ClsService<RequestContext>,
    private readonly tenants: TenantsRepository,
    private readonly members: MembersRepository,
  ) {}

  /** Runs `change` holding the tenant row, once the caller is still a member with at least `minRole`. */
  change<T>(minRole: Role, change: (locked: LockedTenant) => Promise<T>): Promise<T> {
    return this.db.transaction(async () => {
      const tenant = await this.tenants.lockAndGet();
      if (!tenant) throw new NotFoundException('Tenant not found');
      const callerRole = await this.callerRole();
      if (!callerRole) throw membershipRequired();
      requireRole(callerRole, minRole);
      return change({ tenant, callerRole });
    });
  }

  /**
   * A statement of its own after the lock, not a join in the locking one: under READ COMMITTED a row lock
   * waited for re-reads only the locked row, and a joined membership would still come from the old snapshot.
   */
  private async callerRole(): Promise<Role | undefined> {
    const principal = this.cls.get('principal');
    if (isPlatformOperator(principal)) return 'owner';
    if (principal?.kind !== 'member') return undefined;
    const row = await this.members.get(principal.sub);
    // A role taken from the token's claims holds for the whole request (claims cannot change under it); an owner row still wins.
    if (this.cls.get('roleSource') === 'claim') return row?.role === 'owner' ? 'owner' : this.cls.get('role');
    return row?.role;
  }
}
