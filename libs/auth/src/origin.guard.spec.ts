import { beforeAll, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import type { ClsService } from '#libs/common/src/cls.service.js';
import type { Principal, RequestContext } from '#libs/database/src/index.js';
import type { AccessPolicy } from './access.decorators.js';
import { OriginGuard, type TenantOriginsRepository } from './origin.guard.js';

const ALLOWED = ['https://shop.example.com', 'http://localhost:3000'];
const publishable: Principal = { kind: 'token', tokenId: 'tok_1', tenantId: 't1', tokenKind: 'publishable', scopes: ['events:write'] };
const secret: Principal = { ...publishable, tokenKind: 'secret' };
const ingestPolicy: AccessPolicy = { kind: 'tenant', minRole: 'admin', scopes: ['events:write'], publishable: true };

function check(headers: Record<string, string>, principal: Principal = publishable, policy: AccessPolicy = ingestPolicy): Promise<boolean> {
  const reflector = { getAllAndOverride: () => policy } as unknown as Reflector;
  const store: Partial<RequestContext> = { principal, requestId: 'req-1' };
  const cls = { get: (key: keyof RequestContext) => store[key] } as unknown as ClsService<RequestContext>;
  const tenants = { allowedOrigins: () => Promise.resolve(ALLOWED) } as unknown as TenantOriginsRepository;
  return new OriginGuard(reflector, cls, tenants).canActivate(new ExecutionContextHost([{ headers }]));
}

const denied = (promise: Promise<boolean>) => expect(promise).rejects.toMatchObject({ code: 'origin_not_allowed', message: 'Origin not allowed' });

describe('OriginGuard (SDK origin gate)', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('admits a publishable key from an allowed origin', async () => {
    await expect(check({ origin: 'https://shop.example.com' })).resolves.toBe(true);
    await expect(check({ origin: 'http://localhost:3000' })).resolves.toBe(true);
  });

  it('matches scheme, host and port exactly (default ports normalised)', async () => {
    await expect(check({ origin: 'https://shop.example.com:443' })).resolves.toBe(true);
    await expect(check({ origin: 'https://SHOP.example.com' })).resolves.toBe(true);
    await denied(check({ origin: 'http://shop.example.com' }));
    await denied(check({ origin: 'https://shop.example.com:8443' }));
    await denied(check({ origin: 'http://localhost:3001' }));
  });

  it('refuses foreign and look-alike origins', async () => {
    await denied(check({ origin: 'https://evil.example.net' }));
    await denied(check({ origin: 'https://shop.example.com.evil.com' }));
    await denied(check({ origin: 'https://evilshop.example.com' }));
    await denied(check({ origin: 'https://shop.example.co' }));
  });

  it('refuses a request without Origin or Referer, and an opaque origin', async () => {
    await denied(check({}));
    await denied(check({ origin: 'null' }));
    await denied(check({ referer: 'not a url' }));
  });

  it('falls back to the Referer origin only when Origin is absent', async () => {
    await expect(check({ referer: 'https://shop.example.com/checkout?step=2' })).resolves.toBe(true);
    await denied(check({ referer: 'https://shop.example.com.evil.com/checkout' }));
    await denied(check({ origin: 'https://evil.example.net', referer: 'https://shop.example.com/' }));
  });

  it('lets secret keys and other server-side callers through without an origin', async () => {
    await expect(check({}, secret)).resolves.toBe(true);
    await expect(check({ origin: 'https://evil.example.net' }, secret)).resolves.toBe(true);
    await expect(check({}, { kind: 'admin_key' })).resolves.toBe(true);
    await expect(check({}, { kind: 'member', sub: 'u', superadmin: false, claims: {} })).resolves.toBe(true);
  });

  it('only guards routes open to publishable keys', async () => {
    await expect(check({}, publishable, { kind: 'tenant', minRole: 'viewer', scopes: ['events:read'] })).resolves.toBe(true);
  });
});
