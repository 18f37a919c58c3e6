import { describe, expect, it } from '@jest/globals';
import { ServiceUnavailableException } from '@nestjs/common';
import { KnownMembers, TenantAdmission, TenantBusyError, tenantFairShare } from './tenant-admission.js';

const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => 'admitted',
    (error: unknown) => (error instanceof TenantBusyError ? 'busy' : error instanceof ServiceUnavailableException ? 'closed' : error),
  );

describe('TenantAdmission', () => {
  it('gives a tenant a quarter of the tenant pool, and never less than two connections', () => {
    expect([4, 8, 11, 20, 100].map(tenantFairShare)).toEqual([2, 2, 2, 5, 25]);
  });

  it('queues a tenant past its share, refuses it past its queue, and admits another tenant meanwhile', async () => {
    // A pool of 8: a share of 2, and 64 requests of a tenant may wait for it.
    const admission = new TenantAdmission(8);
    const held = [await admission.admit('a'), await admission.admit('a')];
    const clients = Array.from({ length: 64 }, () => new AbortController());
    const queued = clients.map((client) => outcome(admission.admit('a', client.signal)));
    expect(await outcome(admission.admit('a'))).toBe('busy');
    expect(await outcome(admission.admit('b'))).toBe('admitted');
    // The first in line gets the place given back; the rest are still waiting when their clients leave.
    held[0]();
    for (const client of clients) client.abort();
    expect(await Promise.all(queued)).toEqual(['admitted', ...Array(63).fill('closed')]);
  });

  it("lets a request that holds a connection take a second one past its tenant's share", async () => {
    const admission = new TenantAdmission(8);
    await admission.admit('a');
    await admission.admit('a');
    const nested = admission.admitNested('a');
    const gaveUp = new AbortController();
    const next = outcome(admission.admit('a', gaveUp.signal));
    nested();
    gaveUp.abort();
    // Giving the nested one back left the tenant at its share again: the next one was still waiting.
    expect(await next).toBe('closed');
  });
});

describe('KnownMembers', () => {
  it("puts a user in the tenant's lane only for a minute after its membership was seen there", () => {
    const members = new KnownMembers();
    expect(members.admissionKey('acme', 'user_1', 0)).toBe('caller:user_1');
    members.remember('acme', 'user_1', 0);
    expect(members.admissionKey('acme', 'user_1', 59_999)).toBe('acme');
    expect(members.admissionKey('other', 'user_1', 1)).toBe('caller:user_1');
    expect(members.admissionKey('acme', 'user_2', 1)).toBe('caller:user_2');
    expect(members.admissionKey('acme', 'user_1', 60_000)).toBe('caller:user_1');
  });

  it('queues machine tokens and operators, who name no user, in the tenant lane', () => {
    expect(new KnownMembers().admissionKey('acme', undefined)).toBe('acme');
  });

  it('forgets the oldest membership first once it remembers 10,000', () => {
    const members = new KnownMembers();
    for (let i = 0; i <= 10_000; i += 1) members.remember('acme', `user_${i}`, 0);
    expect(members.admissionKey('acme', 'user_0', 1)).toBe('caller:user_0');
    expect(members.admissionKey('acme', 'user_1', 1)).toBe('acme');
    expect(members.admissionKey('acme', 'user_10000', 1)).toBe('acme');
  });
});
