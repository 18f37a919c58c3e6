import { describe, expect, it } from '@jest/globals';
import { HttpException } from '@nestjs/common';
import type { ClsService } from '#libs/common/src/cls.service.js';
import type { AuditEntry, AuditWriter } from '#libs/audit/src/index.js';
import type { Principal, RequestContext, Role, TenantDatabase } from '#libs/database/src/index.js';
import { ApiException, type CursorCodec } from '#libs/http/src/index.js';
import type { MembersRepository } from './members.repository.js';
import { MembersService } from './members.service.js';
import { TenantLock } from './tenant-lock.service.js';
import type { MemberRow, TenantRow } from './tenant.types.js';
import type { TenantsRepository } from './tenants.repository.js';

const TENANT: TenantRow = { id: 'acme', name: 'Acme', allowed_origins: [], settings: {}, created_at: new Date(0), updated_at: new Date(0) };
const memberPrincipal = (sub: string): Principal => ({ kind: 'member', sub, superadmin: false, claims: {} });

/**
 * The service over an in-memory membership table. `stored` is the table as the tenant lock finds it;
 * `role` in the request context is what the gates read earlier, which may be stale by then.
 */
function tenantWith(stored: Record<string, Role>, caller: { principal: Principal; role?: Role }) {
  const table = new Map(Object.entries(stored));
  const audited: AuditEntry[] = [];
  const events: string[] = [];
  const context: Partial<RequestContext> = { principal: caller.principal, role: caller.role };
  const row = (userId: string): MemberRow | undefined => {
    const role = table.get(userId);
    return role && { user_id: userId, role, email: null, created_at: new Date(0), updated_at: new Date(0) };
  };
  const members = {
    get: (userId: string) => Promise.resolve(row(userId)),
    countOwners: () => Promise.resolve([...table.values()].filter((role) => role === 'owner').length),
    upsert: (userId: string, role: Role) => {
      table.set(userId, role);
      return Promise.resolve(row(userId));
    },
    remove: (userId: string) => {
      table.delete(userId);
      return Promise.resolve();
    },
  } as unknown as MembersRepository;
  const tenants = {
    lockAndGet: () => {
      events.push('lock');
      return Promise.resolve(TENANT);
    },
  } as unknown as TenantsRepository;
  const db = { transaction: <T>(work: () => Promise<T>) => work() } as unknown as TenantDatabase;
  const cls = { get: (key: keyof RequestContext) => context[key] } as unknown as ClsService<RequestContext>;
  const audit = {
    record: (entry: AuditEntry) => {
      audited.push(entry);
      return Promise.resolve();
    },
  } as unknown as AuditWriter;
  const service = new MembersService(cls, new TenantLock(db, cls, tenants, members), members, audit, {} as CursorCodec);
  return { service, table, audited, events };
}

/** '<status> <code>: <message>' of a refusal, or 'done'. */
async function outcome(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return 'done';
  } catch (error) {
    if (!(error instanceof HttpException)) throw error;
    return `${error.getStatus()} ${error instanceof ApiException ? error.code : '-'}: ${error.message}`;
  }
}

describe('MembersService rules', () => {
  const alice = memberPrincipal('alice');

  it('lets only an owner grant owner', async () => {
    const asAdmin = tenantWith({ alice: 'admin', olga: 'owner', bob: 'editor' }, { principal: alice, role: 'admin' });
    expect(await outcome(asAdmin.service.put('bob', 'owner'))).toBe('403 -: Only an owner can grant or remove the owner role');
    expect(asAdmin.table.get('bob')).toBe('editor');
    const asOwner = tenantWith({ alice: 'owner', bob: 'editor' }, { principal: alice, role: 'owner' });
    expect(await outcome(asOwner.service.put('bob', 'owner'))).toBe('done');
    expect(asOwner.table.get('bob')).toBe('owner');
  });

  it('lets only an owner demote or remove an owner', async () => {
    const { service, table, audited } = tenantWith({ alice: 'admin', olga: 'owner', otto: 'owner' }, { principal: alice, role: 'admin' });
    expect(await outcome(service.put('olga', 'viewer'))).toBe('403 -: Only an owner can grant or remove the owner role');
    expect(await outcome(service.remove('olga'))).toBe('403 -: Only an owner can remove an owner');
    expect([table.get('olga'), audited]).toEqual(['owner', []]);
  });

  it('refuses self-removal before taking the lock, for owners and admins alike', async () => {
    for (const role of ['owner', 'admin'] as const) {
      const { service, table, events } = tenantWith({ alice: role, olga: 'owner' }, { principal: alice, role });
      expect(await outcome(service.remove('alice'))).toBe('403 -: Cannot remove yourself');
      expect([table.get('alice'), events]).toEqual([role, []]);
    }
  });

  it('never demotes or removes the last owner', async () => {
    const alone = tenantWith({ alice: 'owner', bob: 'admin' }, { principal: alice, role: 'owner' });
    expect(await outcome(alone.service.put('alice', 'admin'))).toBe('409 last_owner: Cannot remove the last owner');
    const byOperator = tenantWith({ alice: 'owner' }, { principal: { kind: 'admin_key' }, role: 'owner' });
    expect(await outcome(byOperator.service.remove('alice'))).toBe('409 last_owner: Cannot remove the last owner');
    expect([alone.table.get('alice'), byOperator.table.get('alice')]).toEqual(['owner', 'owner']);
    const twoOwners = tenantWith({ alice: 'owner', otto: 'owner' }, { principal: alice, role: 'owner' });
    expect(await outcome(twoOwners.service.put('alice', 'admin'))).toBe('done');
    expect(twoOwners.table.get('alice')).toBe('admin');
  });

  it('answers 404 for a member that does not exist', async () => {
    const { service } = tenantWith({ alice: 'admin' }, { principal: alice, role: 'admin' });
    expect(await outcome(service.remove('nobody'))).toBe('404 -: Member nobody not found');
  });

  it('records each change with the role it replaced', async () => {
    const { service, audited } = tenantWith({ alice: 'owner', bob: 'viewer' }, { principal: alice, role: 'owner' });
    const bob = await service.put('bob', 'editor', 'bob@example.com');
    const carol = await service.put('carol', 'viewer');
    await service.remove('bob');
    // Each change also hands the audit writer the member as answered (for webhooks); the removal, the member it removed.
    expect(audited).toEqual([
      {
        operation: 'member.upsert',
        entityType: 'member',
        entityId: 'bob',
        details: { role: 'editor', previousRole: 'viewer', email: 'bob@example.com' },
        resource: bob.member,
      },
      { operation: 'member.upsert', entityType: 'member', entityId: 'carol', details: { role: 'viewer', previousRole: null }, resource: carol.member },
      { operation: 'member.remove', entityType: 'member', entityId: 'bob', details: { role: 'editor' }, resource: bob.member },
    ]);
  });

  describe('decides on the caller’s role as read under the tenant lock, not as the gates saw it', () => {
    it('refuses a caller removed meanwhile with membership_required', async () => {
      const { service, table, audited } = tenantWith({ olga: 'owner', bob: 'viewer' }, { principal: alice, role: 'owner' });
      expect(await outcome(service.put('alice', 'owner'))).toBe('403 membership_required: No membership on this tenant');
      expect(await outcome(service.remove('bob'))).toBe('403 membership_required: No membership on this tenant');
      expect([table.has('alice'), table.get('bob'), audited]).toEqual([false, 'viewer', []]);
    });

    it('refuses a caller demoted meanwhile with role_required', async () => {
      const { service, table } = tenantWith({ alice: 'editor', olga: 'owner', bob: 'viewer' }, { principal: alice, role: 'admin' });
      expect(await outcome(service.put('alice', 'admin'))).toBe('403 role_required: Requires role admin');
      expect(await outcome(service.remove('bob'))).toBe('403 role_required: Requires role admin');
      expect([table.get('alice'), table.get('bob')]).toEqual(['editor', 'viewer']);
    });

    it('honours a caller promoted to owner meanwhile', async () => {
      const { service, table } = tenantWith({ alice: 'owner', bob: 'viewer' }, { principal: alice, role: 'admin' });
      expect(await outcome(service.put('bob', 'owner'))).toBe('done');
      expect(table.get('bob')).toBe('owner');
    });

    it('lets superadmins and the admin key act as owners without a membership', async () => {
      for (const principal of [{ kind: 'admin_key' } as const, { ...memberPrincipal('root'), superadmin: true }]) {
        const { service, table } = tenantWith({ olga: 'owner', otto: 'owner' }, { principal, role: 'owner' });
        expect(await outcome(service.put('bob', 'owner'))).toBe('done');
        expect(await outcome(service.remove('otto'))).toBe('done');
        expect([...table]).toEqual([
          ['olga', 'owner'],
          ['bob', 'owner'],
        ]);
      }
    });

    it('refuses a machine token, which has no role on a membership change', async () => {
      const token: Principal = { kind: 'token', tokenId: 'tok_1', tenantId: 'acme', tokenKind: 'secret', scopes: ['users:write'] };
      const { service } = tenantWith({ olga: 'owner' }, { principal: token });
      expect(await outcome(service.put('bob', 'viewer'))).toBe('403 membership_required: No membership on this tenant');
    });
  });
});
