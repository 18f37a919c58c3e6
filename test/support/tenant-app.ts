import { afterAll, beforeAll } from '@jest/globals';
import { userDetail } from './events.js';
import { createTenantSession, type TenantSession } from './session.js';
import { startTestApp, type TestApp } from './test-app.js';

export interface TenantAppContext {
  t: TestApp;
  session: TenantSession;
  /** The user's current signals, as a viewer sees them. */
  signals(userId: string): Promise<string[]>;
  /** The user's incidents of one signal, newest first. */
  incidents(userId: string, signal: string): Promise<Array<{ signal: string; startedAt: string; occurredAt: string; evidence: Record<string, unknown> }>>;
  /** Replaces some signal thresholds of the tenant (as its owner). */
  setSignals(signals: Record<string, Record<string, number>>): Promise<void>;
}

/** Registers a suite's app (fresh database) and one tenant with members of each role. */
export function useTenantApp(tenantId: string, options: Parameters<typeof createTenantSession>[2] = {}): TenantAppContext {
  const context = {
    signals: async (userId: string) => (await userDetail(context.t, context.session.as('viewer'), userId)).signals,
    incidents: async (userId: string, signal: string) =>
      (await userDetail(context.t, context.session.as('viewer'), userId)).incidents.filter((incident) => incident.signal === signal),
    setSignals: async (signals: Record<string, Record<string, number>>) => {
      const res = await context.t.http.patch('/v1/tenant').set(context.session.as('owner')).send({ settings: { signals } });
      if (res.status !== 200) throw new Error(`PATCH /v1/tenant answered ${res.status}`);
    },
  } as TenantAppContext;
  beforeAll(async () => {
    context.t = await startTestApp();
    context.session = await createTenantSession(context.t, tenantId, options);
  });
  afterAll(async () => {
    await context.t.close();
  });
  return context;
}
