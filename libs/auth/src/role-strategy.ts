import type { Principal, Role, TenantBinding } from '#libs/database/src/index.js';
import { ApiException } from '#libs/http/src/index.js';
import { ROLE_RANK } from './access.decorators.js';
import { membershipRequired } from './gate-denials.js';
import { claimAt } from './platform-jwt.strategy.js';

type Member = Extract<Principal, { kind: 'member' }>;

/**
 * A member's role on the bound tenant, by the tenant's role strategy. `membership`: its row. `claim`:
 * an owner row still makes an owner (a tenant cannot lock its owners out by switching); otherwise the
 * token must name the tenant in its org claim, and its role claim is mapped through the tenant's map.
 * Other membership rows are ignored under `claim`, and claim roles are never stored.
 */
export function memberRole(member: Member, tenantId: string, binding: TenantBinding): { role: Role; source: 'membership' | 'claim' } {
  const strategy = binding.claimRoles;
  if (binding.role === 'owner' || (!strategy && binding.role)) return { role: binding.role as Role, source: 'membership' };
  if (!strategy) throw membershipRequired();
  if (claimAt(member.claims, strategy.orgClaim) !== tenantId) {
    throw new ApiException(403, 'org_claim_mismatch', `The token's ${strategy.orgClaim} claim does not name this tenant`);
  }
  const role = mappedRole(claimAt(member.claims, strategy.roleClaim), strategy.roleMap);
  if (!role) throw new ApiException(403, 'role_required', `The token's ${strategy.roleClaim} claim maps to no role on this tenant`);
  return { role, source: 'claim' };
}

/** A string claim, or the highest mapped entry of a list claim (Auth0 and Okta put roles in lists). */
function mappedRole(value: unknown, roleMap: Record<string, string>): Role | undefined {
  const candidates = (Array.isArray(value) ? value : [value])
    .filter((entry): entry is string => typeof entry === 'string' && Object.hasOwn(roleMap, entry))
    .map((entry) => roleMap[entry] as Role)
    .filter((role) => Object.hasOwn(ROLE_RANK, role));
  return candidates.sort((a, b) => ROLE_RANK[b] - ROLE_RANK[a])[0];
}
