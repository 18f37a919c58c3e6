import { describe, expect, it } from '@jest/globals';
import { ForbiddenException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import type { ClsService } from '#libs/common/src/cls.service.js';
import type { RequestContext } from '#libs/database/src/index.js';
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
const denial = (run: () => boolean) => {
  try {
    run();
  } catch (error) {
    return error instanceof ForbiddenException ? error.message : String(error);
  }
  return 'allowed';
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
});
