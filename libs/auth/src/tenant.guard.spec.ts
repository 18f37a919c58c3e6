import { describe, expect, it } from '@jest/globals';
import { HttpException } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import type { Request } from 'express';
import type { ClsService } from '#libs/common/src/cls.service.js';
import type { Principal, RequestContext, TenantBinding, TenantDatabase } from '#libs/database/src/index.js';
import { ApiException } from '#libs/http/src/index.js';
import type { AccessPolicy } from './access.decorators.js';
import { TenantGuard } from './tenant.guard.js';

const member: Principal = { kind: 'member', sub: 'user_1', superadmin: false, claims: {} };
const superadmin: Principal = { ...member, sub: 'user_root', superadmin: true };
const token: Principal = { kind: 'token', tokenId: 'tok_1', tenantId: 'acme', tokenKind: 'secret', scopes: ['events:read'] };
const readRoute: AccessPolicy = { kind: 'tenant', minRole: 'viewer', crossTenant: true };

interface Call {
  policy?: AccessPolicy;
  principal?: Principal;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  binding?: Partial<TenantBinding>;
}

/** Runs the guard against stubs and reports what it did: its answer, what it bound, what it recorded and the role it left behind. */
async function run({ policy = readRoute, principal = member, headers = { 'x-organization-id': 'acme' }, query = {}, binding }: Call) {
  const store: Partial<RequestContext> = { principal };
  const bound: unknown[][] = [];
  const recorded: string[] = [];
  const reflector = { getAllAndOverride: () => policy } as unknown as Reflector;
  const cls = {
    get: (key: keyof RequestContext) => store[key],
    set: (key: keyof RequestContext, value: never) => (store[key] = value),
  } as unknown as ClsService<RequestContext>;
  const db = {
    bindTenant: (...args: unknown[]) => {
      bound.push(['tenant', ...args]);
      return Promise.resolve({ tenantExists: true, role: 'editor', issuer: null, claimRoles: null, ...binding });
    },
    rememberMember: () => undefined,
    bindCrossTenant: () => {
      bound.push(['all tenants']);
      return Promise.resolve();
    },
  } as unknown as TenantDatabase;
  const recorder = {
    recordCrossTenantRead: (req: Request) => {
      recorded.push(req.path);
      return Promise.resolve();
    },
  };
  const req = { headers, query, path: '/v1/users' };
  let outcome: string;
  try {
    outcome = String(await new TenantGuard(reflector, cls, db, recorder).canActivate(new ExecutionContextHost([req])));
  } catch (error) {
    if (!(error instanceof HttpException)) throw error;
    outcome = `${error.getStatus()} ${error instanceof ApiException ? `${error.code}: ` : ''}${error.message}`;
  }
  return { outcome, bound, recorded, role: store.role, roleSource: store.roleSource };
}

describe('TenantGuard (tenant and membership gates)', () => {
  it('leaves routes that are not tenant-scoped alone', async () => {
    expect(await run({ policy: { kind: 'signed-in' }, headers: {} })).toEqual({
      outcome: 'true',
      bound: [],
      recorded: [],
      role: undefined,
      roleSource: undefined,
    });
  });

  it('binds the tenant and takes the member’s role from the same look-up', async () => {
    expect(await run({ binding: { tenantExists: true, role: 'admin' } })).toMatchObject({
      outcome: 'true',
      bound: [['tenant', 'acme', 'user_1']],
      role: 'admin',
    });
  });

  it('refuses a non-member with membership_required, the same for an unknown tenant', async () => {
    expect(await run({ binding: { tenantExists: true, role: null } })).toMatchObject({
      outcome: '403 membership_required: No membership on this tenant',
      role: undefined,
    });
    expect(await run({ binding: { tenantExists: false, role: null } })).toMatchObject({
      outcome: '403 membership_required: No membership on this tenant',
      role: undefined,
    });
  });

  it('lets superadmins and the admin key act as owners, and tells them when a tenant does not exist', async () => {
    expect(await run({ principal: superadmin, binding: { tenantExists: true, role: null } })).toMatchObject({ outcome: 'true', role: 'owner' });
    expect(await run({ principal: { kind: 'admin_key' }, binding: { tenantExists: true, role: null } })).toMatchObject({
      outcome: 'true',
      bound: [['tenant', 'acme', undefined]],
      role: 'owner',
    });
    expect(await run({ principal: superadmin, binding: { tenantExists: false, role: null } })).toMatchObject({
      outcome: '404 Tenant not found',
      role: undefined,
    });
  });

  it('requires the tenant header', async () => {
    expect(await run({ headers: {} })).toMatchObject({ outcome: '400 tenant_header_required: X-Organization-Id header required', bound: [] });
  });

  it('binds a machine token to its own tenant and refuses a header naming another', async () => {
    expect(await run({ principal: token, headers: {} })).toMatchObject({ outcome: 'true', bound: [['tenant', 'acme']], role: undefined });
    expect(await run({ principal: token, headers: { 'x-organization-id': 'globex' } })).toMatchObject({
      outcome: '403 Token is not valid for this tenant',
      bound: [],
    });
  });

  it('reads across tenants only for platform operators who ask, on a route that allows it, and records the read', async () => {
    const allTenants = { headers: {}, query: { allTenants: 'true' } };
    expect(await run({ ...allTenants, principal: superadmin })).toEqual({
      outcome: 'true',
      bound: [['all tenants']],
      recorded: ['/v1/users'],
      role: undefined,
      roleSource: undefined,
    });
    expect(await run({ ...allTenants, principal: member })).toMatchObject({
      outcome: '400 tenant_header_required: X-Organization-Id header required',
      bound: [],
      recorded: [],
    });
    expect(await run({ ...allTenants, principal: superadmin, policy: { kind: 'tenant', minRole: 'viewer' } })).toMatchObject({
      outcome: '400 tenant_header_required: X-Organization-Id header required',
      bound: [],
    });
    expect(await run({ headers: {}, query: { allTenants: 'yes' }, principal: superadmin })).toMatchObject({
      outcome: '400 tenant_header_required: X-Organization-Id header required',
    });
  });

  const tenantIssued: Principal = { ...member, issuerTenantId: 'acme', claims: { iss: 'https://acme.idp.example/' } };

  it("binds a tenant IdP's token to its tenant: no header names it, another tenant is refused", async () => {
    const binding = { role: 'viewer', issuer: 'https://acme.idp.example/' };
    expect(await run({ principal: tenantIssued, headers: {}, binding })).toMatchObject({
      outcome: 'true',
      bound: [['tenant', 'acme', 'user_1']],
      role: 'viewer',
    });
    expect(await run({ principal: tenantIssued, headers: { 'x-organization-id': 'globex' }, binding })).toMatchObject({
      outcome: "403 issuer_not_valid_for_tenant: The token's issuer is bound to another tenant",
      bound: [],
    });
  });

  it("refuses a tenant IdP's token once the tenant no longer registers its issuer", async () => {
    for (const issuer of [null, 'https://replaced.idp.example/']) {
      expect(await run({ principal: tenantIssued, binding: { role: 'owner', issuer } })).toMatchObject({
        outcome: "401 unknown_issuer: The token's issuer is not accepted here",
        role: undefined,
      });
    }
  });

  describe('claim role strategy', () => {
    const claimRoles = { roleClaim: 'o.rol', orgClaim: 'o.id', roleMap: { admin: 'admin', member: 'viewer' } };
    const withClaims = (claims: Record<string, unknown>): Principal => ({ ...member, claims });

    it('maps the role claim when the org claim names the tenant, ignoring non-owner rows', async () => {
      expect(await run({ principal: withClaims({ o: { id: 'acme', rol: 'admin' } }), binding: { role: 'viewer', claimRoles } })).toMatchObject({
        outcome: 'true',
        role: 'admin',
        roleSource: 'claim',
      });
      expect(await run({ principal: withClaims({ o: { id: 'acme', rol: ['member', 'admin'] } }), binding: { role: null, claimRoles } })).toMatchObject({
        role: 'admin',
      });
    });

    it('refuses another org and an unmapped role', async () => {
      expect(await run({ principal: withClaims({ o: { id: 'globex', rol: 'admin' } }), binding: { role: 'admin', claimRoles } })).toMatchObject({
        outcome: "403 org_claim_mismatch: The token's o.id claim does not name this tenant",
      });
      for (const rol of ['superuser', 'constructor', undefined, 7]) {
        expect(await run({ principal: withClaims({ o: { id: 'acme', rol } }), binding: { role: null, claimRoles } })).toMatchObject({
          outcome: "403 role_required: The token's o.rol claim maps to no role on this tenant",
        });
      }
    });

    it('keeps owners by their membership row, whatever the claims', async () => {
      expect(await run({ principal: withClaims({}), binding: { role: 'owner', claimRoles } })).toMatchObject({
        outcome: 'true',
        role: 'owner',
        roleSource: 'membership',
      });
    });
  });
});
