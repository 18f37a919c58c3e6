/**
 * Compiled with the repository (`tsc --strict`, first step of `npm test`): if the generated types stopped
 * describing the answers, this file would stop compiling. It is also the dashboard example of the README.
 */
import { createAdminApiClient, type ErrorBody, type Schemas } from '../index.js';

/** The riskiest end users of a tenant, as a dashboard's table needs them. */
export async function riskiestUsers(jwt: string, organizationId: string): Promise<Array<{ userId: string; riskScore: number; lastSeen: string }>> {
  const api = createAdminApiClient({ baseUrl: 'http://localhost:3000', token: () => jwt, organizationId });
  const { data, error } = await api.GET('/v1/users', { params: { query: { sort: 'riskScore', order: 'desc', limit: 20 } } });
  if (error) throw new Error(`${error.code}: ${error.message} (request ${error.requestId})`);

  const first: Schemas['UserDto'] | undefined = data.data[0];
  if (first) {
    const score: number = first.riskScore;
    const level: 'low' | 'medium' | 'high' | 'critical' = first.riskLevel;
    void [score, level];
    // @ts-expect-error a user has no such field
    void first.notAField;
  }
  const next: string | null = data.nextCursor;
  const more: boolean = data.hasMore;
  void [next, more];

  // @ts-expect-error limit is an integer, not a string
  await api.GET('/v1/users', { params: { query: { limit: '20' } } });
  // @ts-expect-error sort takes only the documented values
  await api.GET('/v1/users', { params: { query: { sort: 'name' } } });

  return data.data.map((user) => ({ userId: user.userId, riskScore: user.riskScore, lastSeen: user.lastSeen }));
}

/** One user's page and its triage, with path parameters and a typed body. */
export async function trustUser(api: ReturnType<typeof createAdminApiClient>, userId: string): Promise<string[]> {
  const { data, error } = await api.PATCH('/v1/users/{userId}', { params: { path: { userId } }, body: { status: 'trusted', labels: ['vip'] } });
  if (error) {
    const code: ErrorBody['code'] = error.code;
    if (code === 'not_found') return [];
    throw new Error(error.message);
  }
  const fingerprints: string[] = data.fingerprints.map((fp) => fp.fingerprint);
  const recent: number = data.recentEvents.data.length;
  void recent;
  // @ts-expect-error status takes only active, trusted or blocked
  await api.PATCH('/v1/users/{userId}', { params: { path: { userId } }, body: { status: 'vip' } });
  return fingerprints;
}

/** Fraud stats answer one tenant's figures, or (superadmin, allTenants) the totals across tenants. */
export async function criticalUsers(api: ReturnType<typeof createAdminApiClient>): Promise<number> {
  const { data, error } = await api.GET('/v1/fraud/stats', { params: { query: { from: '2026-11-01' } } });
  if (error) throw new Error(error.message);
  return 'total' in data ? data.total.riskLevels.critical : data.riskLevels.critical;
}
