import { TenantRoute } from '#libs/auth/src/index.js';

/**
 * The access of every analytics read (SPEC "Analytics"): members from viewer up, machine tokens with
 * `analytics:read`, and superadmins across tenants with `?allTenants=true` (audited).
 */
export const AnalyticsRoute = () => TenantRoute({ minRole: 'viewer', scopes: ['analytics:read'], crossTenant: true });
