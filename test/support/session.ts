import { expect } from '@jest/globals';
import type { Role } from '../../libs/database/src/index.js';
import { ADMIN_API_KEY, type TestApp } from './test-app.js';
import type { SignOptions } from './test-issuer.js';

export interface TenantSession {
  tenantId: string;
  userIds: Record<Role, string>;
  tokens: Record<Role, string>;
  /** Headers of a member of this tenant with the given role. */
  as(role: Role): Record<string, string>;
}

export const adminKeyHeaders = (tenantId?: string): Record<string, string> => ({
  'X-Admin-API-Key': ADMIN_API_KEY,
  ...(tenantId ? { 'X-Organization-Id': tenantId } : {}),
});

/** Provisions a tenant through the API (admin key) with one member of each role, and signs their JWTs. */
export async function createTenantSession(
  t: TestApp,
  tenantId: string,
  options: { allowedOrigins?: string[]; signOptions?: SignOptions } = {},
): Promise<TenantSession> {
  const userIds: Record<Role, string> = {
    owner: `${tenantId}_owner`,
    admin: `${tenantId}_admin`,
    editor: `${tenantId}_editor`,
    viewer: `${tenantId}_viewer`,
  };
  const created = await t.http
    .post('/v1/platform/tenants')
    .set(adminKeyHeaders())
    .send({ id: tenantId, name: `Tenant ${tenantId}`, ownerUserId: userIds.owner, allowedOrigins: options.allowedOrigins ?? [] });
  expect([created.status, created.body]).toEqual([201, expect.anything()]);
  const tokens = {} as Record<Role, string>;
  for (const role of Object.keys(userIds) as Role[]) tokens[role] = await t.issuer.sign(userIds[role], { expiresIn: 3600, ...options.signOptions });
  for (const role of ['admin', 'editor', 'viewer'] as Role[]) {
    const res = await t.http
      .put(`/v1/members/${userIds[role]}`)
      .set({ Authorization: `Bearer ${tokens.owner}`, 'X-Organization-Id': tenantId })
      .send({ role, email: `${role}@example.com` });
    expect([res.status, res.body]).toEqual([201, expect.anything()]);
  }
  return {
    tenantId,
    userIds,
    tokens,
    as: (role) => ({ Authorization: `Bearer ${tokens[role]}`, 'X-Organization-Id': tenantId }),
  };
}
