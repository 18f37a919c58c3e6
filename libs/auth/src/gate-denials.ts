import type { Role } from '#libs/database/src/index.js';
import { ApiException } from '#libs/http/src/index.js';
import { ROLE_RANK } from './access.decorators.js';

/** The answers of the membership and role gates, shared by the guards and by changes that re-check under a lock. */
export function membershipRequired(): ApiException {
  return new ApiException(403, 'membership_required', 'No membership on this tenant');
}

/** Throws 403 `role_required` unless `role` reaches `minRole` (owner ≥ admin ≥ editor ≥ viewer); no role fails closed. */
export function requireRole(role: Role | undefined, minRole: Role): void {
  if (!role || ROLE_RANK[role] < ROLE_RANK[minRole]) throw new ApiException(403, 'role_required', `Requires role ${minRole}`);
}
