import type { Principal } from '#libs/database/src/index.js';

/** Superadmins and the platform admin key act as owners of any tenant and may read across tenants. */
export function isPlatformOperator(principal: Principal | undefined): boolean {
  return principal?.kind === 'admin_key' || (principal?.kind === 'member' && principal.superadmin);
}

/** The audit trail's view of a principal. */
export function auditActor(principal: Principal | undefined): { actorType: string; actorId: string } {
  switch (principal?.kind) {
    case 'member':
      return { actorType: principal.superadmin ? 'superadmin' : 'member', actorId: principal.sub };
    case 'token':
      return { actorType: 'token', actorId: principal.tokenId };
    case 'admin_key':
      return { actorType: 'admin_key', actorId: 'admin-api-key' };
    default:
      return { actorType: 'anonymous', actorId: 'anonymous' };
  }
}
