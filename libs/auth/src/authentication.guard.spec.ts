import { describe, expect, it } from '@jest/globals';
import { HttpException, UnauthorizedException } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import type { ClsService } from '#libs/common/src/cls.service.js';
import type { AppConfig } from '#libs/config/src/index.js';
import type { Principal, RequestContext } from '#libs/database/src/index.js';
import type { AuditActionSpec } from '#libs/http/src/index.js';
import type { AccessPolicy } from './access.decorators.js';
import { AuthenticationGuard } from './authentication.guard.js';
import type { MachineAuthenticator } from './machine-authenticator.js';
import type { PlatformJwtAuthGuard } from './platform-jwt-auth.guard.js';

const ADMIN_KEY = 'admin-key-0123456789abcdef0123456789abcdef';
const alice: Principal = { kind: 'member', sub: 'user_alice', superadmin: false, claims: { exp: Math.floor(Date.now() / 1000) + 3600 } };
const machine: Extract<Principal, { kind: 'token' }> = { kind: 'token', tokenId: 'tok_1', tenantId: 'acme', tokenKind: 'secret', scopes: [] };
const tenantRoute: AccessPolicy = { kind: 'tenant', minRole: 'viewer' };

/** A guard over stubs; `verified` lists the dashboard JWTs the signature check was asked about. */
function setUp(options: { dashboardJwt?: boolean; machines?: boolean; adminApiKey?: string } = {}) {
  const verified: string[] = [];
  const jwtGuard = {
    canActivate: (context: ExecutionContextHost) => {
      const req = context.switchToHttp().getRequest<{ headers: Record<string, string>; user?: Principal }>();
      const token = req.headers.authorization.slice('Bearer '.length);
      verified.push(token);
      if (token !== 'alice-jwt') return Promise.reject(new UnauthorizedException('Invalid signature'));
      req.user = alice;
      return Promise.resolve(true);
    },
  } as unknown as PlatformJwtAuthGuard;
  const machines: MachineAuthenticator = {
    authenticateApiKey: (key) => (key === 'sk_good' ? Promise.resolve(machine) : Promise.reject(new UnauthorizedException('Invalid API key'))),
    isServiceJwt: (bearer) => bearer.startsWith('service.'),
    authenticateServiceJwt: () => Promise.resolve(machine),
  };
  const config = { adminApiKey: 'adminApiKey' in options ? options.adminApiKey : ADMIN_KEY } as AppConfig;

  // One guard for every call, as in the app; each call is a request with its own route and context.
  let route: { policy?: AccessPolicy; auditAction?: AuditActionSpec } = {};
  let store: Partial<RequestContext> = {};
  const reflector = { getAllAndOverride: () => route.policy, get: () => route.auditAction } as unknown as Reflector;
  const cls = { set: (key: keyof RequestContext, value: never) => (store[key] = value) } as unknown as ClsService<RequestContext>;
  const guard = new AuthenticationGuard(reflector, cls, jwtGuard, config, options.dashboardJwt ?? true, options.machines === false ? undefined : machines);

  async function call(headers: Record<string, string>, policy: AccessPolicy | null = tenantRoute, auditAction?: AuditActionSpec) {
    route = { policy: policy ?? undefined, auditAction };
    store = {};
    try {
      const allowed = await guard.canActivate(new ExecutionContextHost([{ headers }]));
      return { outcome: String(allowed), principal: store.principal, auditAction: store.auditAction };
    } catch (error) {
      if (!(error instanceof HttpException)) throw error;
      return { outcome: `${error.getStatus()} ${error.message}`, principal: store.principal, auditAction: store.auditAction };
    }
  }
  return { call, verified };
}

describe('AuthenticationGuard (who is calling)', () => {
  it('refuses a route without an access declaration', async () => {
    const { call } = setUp();
    expect(await call({ authorization: 'Bearer alice-jwt' }, null)).toMatchObject({ outcome: '401 Route has no access declaration', principal: undefined });
  });

  it('admits public, internal and key-exchange routes without looking at any credential', async () => {
    const { call, verified } = setUp();
    for (const kind of ['public', 'internal', 'api-key-exchange'] as const) {
      expect(await call({ 'x-admin-api-key': 'wrong', authorization: 'Bearer forged' }, { kind })).toMatchObject({ outcome: 'true', principal: undefined });
    }
    expect(verified).toEqual([]);
  });

  it('keeps the route’s audit description for the error path, also when authentication then fails', async () => {
    const { call } = setUp();
    const action = { operation: 'member.remove', entityType: 'member', entityIdParam: 'userId' };
    expect(await call({}, tenantRoute, action)).toMatchObject({ outcome: '401 Authentication required', auditAction: action });
    expect(await call({}, { kind: 'public' })).toMatchObject({ auditAction: undefined });
  });

  it('recognises the admin key, and never falls back to another credential when it is wrong', async () => {
    const { call, verified } = setUp();
    expect(await call({ 'x-admin-api-key': ADMIN_KEY })).toMatchObject({ outcome: 'true', principal: { kind: 'admin_key' } });
    expect(await call({ 'x-admin-api-key': `${ADMIN_KEY}x`, authorization: 'Bearer alice-jwt' })).toMatchObject({
      outcome: '401 Invalid admin key',
      principal: undefined,
    });
    expect(await call({ 'x-admin-api-key': '', 'x-api-key': 'sk_good' })).toMatchObject({ outcome: '401 Invalid admin key' });
    expect(verified).toEqual([]);
  });

  it('refuses every admin key when none is configured', async () => {
    const { call } = setUp({ adminApiKey: undefined });
    expect(await call({ 'x-admin-api-key': '' })).toMatchObject({ outcome: '401 Invalid admin key', principal: undefined });
  });

  it('authenticates API keys and service JWTs through the machine authenticator', async () => {
    const { call, verified } = setUp();
    expect(await call({ 'x-api-key': 'sk_good' })).toMatchObject({ outcome: 'true', principal: machine });
    expect(await call({ 'x-api-key': 'sk_bad' })).toMatchObject({ outcome: '401 Invalid API key', principal: undefined });
    expect(await call({ authorization: 'Bearer service.jwt' })).toMatchObject({ outcome: 'true', principal: machine });
    expect(verified).toEqual([]);
    const { call: withoutMachines } = setUp({ machines: false });
    expect(await withoutMachines({ 'x-api-key': 'sk_good' })).toMatchObject({ outcome: '401 Invalid API key', principal: undefined });
  });

  it('requires a credential, and a Bearer one in Authorization', async () => {
    const { call } = setUp();
    expect(await call({})).toMatchObject({ outcome: '401 Authentication required' });
    expect(await call({ authorization: 'Basic YWxpY2U6c2VjcmV0' })).toMatchObject({ outcome: '401 Authorization header must be "Bearer <token>"' });
    expect(await call({ authorization: 'Bearer' })).toMatchObject({ outcome: '401 Authorization header must be "Bearer <token>"' });
  });

  it('answers 503 for a dashboard JWT when dashboard sign-in is not configured', async () => {
    const { call } = setUp({ dashboardJwt: false });
    expect(await call({ authorization: 'Bearer alice-jwt' })).toMatchObject({ outcome: '503 Dashboard sign-in is not configured (PLATFORM_JWKS_URL)' });
  });

  it('verifies a dashboard JWT once, then remembers it; a failed one is checked every time', async () => {
    const { call, verified } = setUp();
    expect(await call({ authorization: 'Bearer alice-jwt' })).toMatchObject({ outcome: 'true', principal: alice });
    expect(await call({ authorization: 'bearer alice-jwt' })).toMatchObject({ outcome: 'true', principal: alice });
    expect(await call({ authorization: 'Bearer forged' })).toMatchObject({ outcome: '401 Invalid signature', principal: undefined });
    expect(await call({ authorization: 'Bearer forged' })).toMatchObject({ outcome: '401 Invalid signature' });
    expect(verified).toEqual(['alice-jwt', 'forged', 'forged']);
  });
});
