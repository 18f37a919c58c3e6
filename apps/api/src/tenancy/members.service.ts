import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { AuditWriter } from '#libs/audit/src/index.js';
import { RequestContext, Role, TenantDatabase } from '#libs/database/src/index.js';
import { CursorCodec, type CursorSpec, Page } from '#libs/http/src/index.js';
import { MembersRepository } from './members.repository.js';
import { TenantsRepository } from './tenants.repository.js';
import { Member, toMember } from './tenant.types.js';

const MEMBERS_CURSOR: CursorSpec<['text']> = { list: 'members', sort: 'userId', order: 'asc', positions: ['text'] };

/**
 * Membership rules: only an owner grants or takes away `owner`; nobody removes themselves; a tenant
 * never loses its last owner. Every change locks the tenant row first, so two owners demoting each
 * other concurrently cannot both succeed.
 */
@Injectable()
export class MembersService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly cls: ClsService<RequestContext>,
    private readonly members: MembersRepository,
    private readonly tenants: TenantsRepository,
    private readonly audit: AuditWriter,
    private readonly cursors: CursorCodec,
  ) {}

  async list(limit: number, cursor?: string): Promise<Page<Member>> {
    const [after] = this.cursors.decode(MEMBERS_CURSOR, cursor) ?? [];
    const rows = await this.members.list(after, limit + 1);
    return this.cursors.page(MEMBERS_CURSOR, rows, limit, toMember, (row) => [row.user_id]);
  }

  /** Returns the member and whether it was created (201) rather than updated or unchanged (200). */
  async put(userId: string, role: Role, email?: string): Promise<{ member: Member; created: boolean }> {
    return this.db.transaction(async () => {
      await this.tenants.lockAndGet();
      const existing = await this.members.get(userId);
      const touchesOwner = role === 'owner' || existing?.role === 'owner';
      if (touchesOwner && this.actorRole() !== 'owner') throw new ForbiddenException('Only an owner can grant or remove the owner role');
      if (existing?.role === 'owner' && role !== 'owner' && (await this.members.countOwners()) <= 1) {
        throw new ConflictException('Cannot remove the last owner');
      }
      const row = await this.members.upsert(userId, role, email);
      await this.audit.record({
        operation: 'member.upsert',
        entityType: 'member',
        entityId: userId,
        details: { role, previousRole: existing?.role ?? null, ...(email ? { email } : {}) },
      });
      return { member: toMember(row!), created: !existing };
    });
  }

  async remove(userId: string): Promise<void> {
    const principal = this.cls.get('principal');
    if (principal?.kind === 'member' && principal.sub === userId) throw new ForbiddenException('Cannot remove yourself');
    await this.db.transaction(async () => {
      await this.tenants.lockAndGet();
      const existing = await this.members.get(userId);
      if (!existing) throw new NotFoundException(`Member ${userId} not found`);
      if (existing.role === 'owner') {
        if (this.actorRole() !== 'owner') throw new ForbiddenException('Only an owner can remove an owner');
        if ((await this.members.countOwners()) <= 1) throw new ConflictException('Cannot remove the last owner');
      }
      await this.members.remove(userId);
      await this.audit.record({ operation: 'member.remove', entityType: 'member', entityId: userId, details: { role: existing.role } });
    });
  }

  private actorRole(): Role | undefined {
    return this.cls.get('role');
  }
}
