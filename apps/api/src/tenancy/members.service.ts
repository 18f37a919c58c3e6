import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { ClsService } from '#libs/common/src/cls.service.js';
import { AuditWriter } from '#libs/audit/src/index.js';
import { RequestContext, Role } from '#libs/database/src/index.js';
import { ApiException, CursorCodec, type CursorSpec, Page } from '#libs/http/src/index.js';
import { MembersRepository } from './members.repository.js';
import { TenantLock } from './tenant-lock.service.js';
import { Member, toMember } from './tenant.types.js';

/** The role that manages members: the routes' gate, and checked again under the tenant lock (see TenantLock). */
export const MEMBER_MANAGER_ROLE: Role = 'admin';
const MEMBERS_CURSOR: CursorSpec<['text']> = { list: 'members', sort: 'userId', order: 'asc', positions: ['text'] };

/**
 * Membership rules: only an owner grants or takes away `owner`; nobody removes themselves; a tenant
 * never loses its last owner. Every change holds the tenant row and decides on the caller's role as it
 * stands then, so concurrent changes (two owners removing each other, a member re-granting itself while
 * being removed) resolve as if they had run one after the other.
 */
@Injectable()
export class MembersService {
  constructor(
    private readonly cls: ClsService<RequestContext>,
    private readonly lock: TenantLock,
    private readonly members: MembersRepository,
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
    return this.lock.change(MEMBER_MANAGER_ROLE, async ({ callerRole }) => {
      const existing = await this.members.get(userId);
      const touchesOwner = role === 'owner' || existing?.role === 'owner';
      if (touchesOwner && callerRole !== 'owner') throw new ForbiddenException('Only an owner can grant or remove the owner role');
      if (existing?.role === 'owner' && role !== 'owner') await this.keepAnOwner();
      const member = toMember((await this.members.upsert(userId, role, email))!);
      await this.audit.record({
        operation: 'member.upsert',
        entityType: 'member',
        entityId: userId,
        details: { role, previousRole: existing?.role ?? null, ...(email ? { email } : {}) },
        resource: member,
      });
      return { member, created: !existing };
    });
  }

  async remove(userId: string): Promise<void> {
    const principal = this.cls.get('principal');
    if (principal?.kind === 'member' && principal.sub === userId) throw new ForbiddenException('Cannot remove yourself');
    await this.lock.change(MEMBER_MANAGER_ROLE, async ({ callerRole }) => {
      const existing = await this.members.get(userId);
      if (!existing) throw new NotFoundException(`Member ${userId} not found`);
      if (existing.role === 'owner') {
        if (callerRole !== 'owner') throw new ForbiddenException('Only an owner can remove an owner');
        await this.keepAnOwner();
      }
      await this.members.remove(userId);
      await this.audit.record({
        operation: 'member.remove',
        entityType: 'member',
        entityId: userId,
        details: { role: existing.role },
        resource: toMember(existing),
      });
    });
  }

  /** Before an owner is removed or demoted: another owner must remain. */
  private async keepAnOwner(): Promise<void> {
    if ((await this.members.countOwners()) <= 1) throw new ApiException(409, 'last_owner', 'Cannot remove the last owner');
  }
}
