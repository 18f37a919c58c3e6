import type { PoolClient } from 'pg';

export type Role = 'owner' | 'admin' | 'editor' | 'viewer';

/** Who is calling; set once by the authentication guard. */
export type Principal =
  | {
      kind: 'member';
      sub: string;
      email?: string;
      superadmin: boolean;
      /** Set when the token comes from a tenant's own IdP: it is valid for that tenant only. */
      issuerTenantId?: string;
      claims: Record<string, unknown>;
    }
  | { kind: 'token'; tokenId: string; tenantId: string; tokenKind: 'secret' | 'publishable'; scopes: string[] }
  | { kind: 'admin_key' };

/** The per-request state, kept in AsyncLocalStorage (ClsService), never in request-scoped providers. */
export interface RequestContext {
  requestId: string;
  ip: string;
  principal?: Principal;
  /** The tenant the request acts on, resolved from the header (or the token) by the tenant guard. */
  tenantId?: string;
  /** The caller's effective role on `tenantId` (superadmin and admin key act as owner). */
  role?: Role;
  /** `claim` when the role came from the token's claims (never stored), not from a membership row. */
  roleSource?: 'membership' | 'claim';
  /** Superadmin read across tenants (`?allTenants=true`): RLS bypass, audited on the platform chain. */
  crossTenant?: boolean;
  inTransaction?: boolean;
  /** Set once the response has closed: a connection acquired after that is handed straight back. */
  closed?: boolean;
  /** The audit description of the matched route, stashed by the first guard for the error path. */
  auditAction?: { operation: string; entityType: string; entityIdParam?: string };
  /** The connection bound to this request's tenant; released when the response closes. */
  connection?: PoolClient;
}
