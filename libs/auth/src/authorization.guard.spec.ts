import { describe, expect, it } from '@jest/globals';
import { HttpException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import type { ClsService } from '#libs/common/src/cls.service.js';
import type { RequestContext } from '#libs/database/src/index.js';
import { ApiException } from '#libs/http/src/index.js';
import type { AccessPolicy } from './access.decorators.js';
import { AuthorizationGuard } from './authorization.guard.js';

function check(policy: AccessPolicy, store: Partial<RequestContext>): boolean {
  const reflector = { getAllAndOverride: () => policy } as unknown as Reflector;
  const cls = { get: (key: keyof RequestContext) => store[key] } as unknown as ClsService<RequestContext>;
  const context = new ExecutionContextHost([{}, {}], class {}, () => undefined);
  return new AuthorizationGuard(reflector, cls).canActivate(context);
}

const member = { kind: 'member', sub: 'u', superadmin: false, claims: {} } as const;
const token = (tokenKind: 'secret' | 'publishable', scopes: string[]) => ({ kind: 'token', tokenId: 't', tenantId: 'x', tokenKind, scopes }) as const;
/** 'allowed' only when the guard returns true; a `false` (which Nest turns into a bare 403) is a failure of its own. */
const denial = (run: () => boolean) => {
  let allowed: boolean;
  try {
    allowed = run();
  } catch (error) {
    if (error instanceof HttpException && error.getStatus() === 403) return error.message;
    throw error;
  }
  return allowed === true ? 'allowed' : `returned ${String(allowed)}`;
};

describe('AuthorizationGuard', () => {
  it('orders roles owner ≥ admin ≥ editor ≥ viewer', () => {
    const policy: AccessPolicy = { kind: 'tenant', minRole: 'editor' };
    expect(denial(() => check(policy, { principal: member, role: 'viewer' }))).toBe('Requires role editor');
    expect(denial(() => check(policy, { principal: member, role: 'editor' }))).toBe('allowed');
    expect(denial(() => check(policy, { principal: member, role: 'owner' }))).toBe('allowed');
  });

  it('checks every declared scope of a machine token', () => {
    const policy: AccessPolicy = { kind: 'tenant', minRole: 'viewer', scopes: ['analytics:read'] };
    expect(denial(() => check(policy, { principal: token('secret', ['events:write']) }))).toBe('Requires scope analytics:read');
    expect(denial(() => check(policy, { principal: token('secret', ['analytics:read']) }))).toBe('allowed');
  });

  it('keeps tokens off routes that declare no scopes, and publishable keys off non-ingestion routes', () => {
    expect(denial(() => check({ kind: 'tenant', minRole: 'viewer' }, { principal: token('secret', ['events:read']) }))).toBe(
      'API tokens cannot access this route',
    );
    const readEvents: AccessPolicy = { kind: 'tenant', minRole: 'viewer', scopes: ['events:write'] };
    expect(denial(() => check(readEvents, { principal: token('publishable', ['events:write']) }))).toBe('Publishable keys may only ingest events');
  });

  it('fails closed when no role was resolved', () => {
    expect(denial(() => check({ kind: 'tenant', minRole: 'viewer' }, { principal: member }))).toBe('Requires role viewer');
  });

  it('names role and scope refusals with their catalogue codes', () => {
    const codeOf = (run: () => boolean) => {
      try {
        run();
      } catch (error) {
        return error instanceof ApiException ? error.code : String(error);
      }
      return 'allowed';
    };
    expect(codeOf(() => check({ kind: 'tenant', minRole: 'admin' }, { principal: member, role: 'editor' }))).toBe('role_required');
    expect(codeOf(() => check({ kind: 'tenant', minRole: 'viewer', scopes: ['users:write'] }, { principal: token('secret', []) }))).toBe('scope_required');
  });

  it('keeps platform routes to superadmins and the admin key, and signed-in routes to people', () => {
    const platform: AccessPolicy = { kind: 'platform-admin' };
    expect(denial(() => check(platform, { principal: member }))).toBe('Requires superadmin');
    expect(denial(() => check(platform, { principal: { ...member, superadmin: true } }))).toBe('allowed');
    expect(denial(() => check(platform, { principal: { kind: 'admin_key' } }))).toBe('allowed');
    expect(denial(() => check({ kind: 'signed-in' }, { principal: token('secret', ['analytics:read']) }))).toBe('API tokens cannot access this route');
    expect(denial(() => check({ kind: 'signed-in' }, { principal: member }))).toBe('allowed');
  });

  it('admits an audited read across tenants without a role', () => {
    expect(
      denial(() => check({ kind: 'tenant', minRole: 'viewer', crossTenant: true }, { principal: { ...member, superadmin: true }, crossTenant: true })),
    ).toBe('allowed');
  });
});
