import { applyDecorators } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import type { Role } from '#libs/database/src/index.js';
import { ApiErrors } from '#libs/http/src/index.js';

export const ROLE_RANK: Record<Role, number> = { viewer: 1, editor: 2, admin: 3, owner: 4 };
export const ROLES: Role[] = ['viewer', 'editor', 'admin', 'owner'];
export const TOKEN_SCOPES = ['events:write', 'events:read', 'analytics:read', 'users:write'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/**
 * How a route is reached. Exactly one access decorator per route sets this; the global guard chain
 * reads it and denies any route that has none.
 */
export type AccessPolicy =
  | { kind: 'public' }
  /** Any signed-in dashboard user or the admin key; no tenant header. */
  | { kind: 'signed-in' }
  /** Superadmins and the platform admin key. */
  | { kind: 'platform-admin' }
  /** The gateway, with X-Internal-Secret (checked by the route's own guard). */
  | { kind: 'internal' }
  /** A secret API key in the body (the key-to-JWT exchange checks it itself). */
  | { kind: 'api-key-exchange' }
  | {
      kind: 'tenant';
      /** Minimum member role; members below it get 403 `Requires role <min>`. */
      minRole: Role;
      /** Scopes a machine token needs; absent = machine tokens are not accepted. */
      scopes?: TokenScope[];
      /** Publishable SDK keys allowed (they pass the Origin gate). */
      publishable?: boolean;
      /** Superadmin may read across all tenants with `?allTenants=true`. */
      crossTenant?: boolean;
    };

/** Read with `getAllAndOverride([handler, class])`, so a class-level declaration counts too. */
export const Access = Reflector.createDecorator<AccessPolicy>();

const setPolicy = (policy: AccessPolicy) => Access(policy);
/** What every gated route can answer before its handler runs; each gate reads the database (503 while it is unreachable). */
const deniedResponses = [ApiErrors(401, 403, 503)];
/**
 * Tenant routes add bad input and the tenant header's problems (400) and an unknown tenant or resource (404), declared
 * once for all of them. Of two declarations of one status the decorator written higher wins, and routes write this one
 * first: a route's own 400 or 404 would not show.
 */
const tenantDeniedResponses = [
  ApiErrors(
    { status: 400, description: 'Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict`' },
    401,
    403,
    { status: 404, description: '`not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it' },
    503,
  ),
];

export const Public = () => setPolicy({ kind: 'public' });

export const SignedIn = () => applyDecorators(setPolicy({ kind: 'signed-in' }), ApiBearerAuth('bearer'), ApiSecurity('admin-key'), ...deniedResponses);

export const PlatformAdmin = () =>
  applyDecorators(setPolicy({ kind: 'platform-admin' }), ApiBearerAuth('bearer'), ApiSecurity('admin-key'), ...deniedResponses);

export const Internal = () => applyDecorators(setPolicy({ kind: 'internal' }), ApiSecurity('internal-secret'));

export const ApiKeyExchange = () => setPolicy({ kind: 'api-key-exchange' });

/**
 * A tenant route: the tenant comes from X-Organization-Id (or the machine token), then membership,
 * then `minRole` for members and `scopes` for machine tokens.
 */
export function TenantRoute(options: { minRole: Role; scopes?: TokenScope[]; publishable?: boolean; crossTenant?: boolean }) {
  const security = [ApiBearerAuth('bearer'), ApiSecurity('organization'), ApiSecurity('admin-key')];
  if (options.scopes) security.push(ApiSecurity('api-key'));
  return applyDecorators(setPolicy({ kind: 'tenant', ...options }), ...security, ...tenantDeniedResponses);
}
