import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Webhook } from 'standardwebhooks';
import { at, event, ingest, recentBase } from '../support/events.js';
import { createTenantSession, type TenantSession } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { type ReceivedWebhook, WebhookReceiver } from '../support/webhook-receiver.js';

interface Payload {
  type: string;
  timestamp: string;
  tenantId: string;
  data: Record<string, unknown> & { id?: string; userId?: string; previous?: { riskScore: number; riskLevel: string } };
}

const TENANT = 'hooks_pipeline';
const payloadOf = (request: ReceivedWebhook) => JSON.parse(request.body) as Payload;
const LIST_ITEM_FIELDS = [
  'userId',
  'eventCount',
  'fingerprintCount',
  'domains',
  'riskScore',
  'riskLevel',
  'signals',
  'firstSeen',
  'lastSeen',
  'status',
  'labels',
];

/** Events the pipeline causes (incidents and risk levels), through HTTP to a real receiver. */
describe('webhooks: pipeline events', () => {
  let t: TestApp;
  let s: TenantSession;
  let receiver: WebhookReceiver;
  let secret: string;
  const base = recentBase();
  const use = (userId: string, fingerprint: string, minutes: number) => event({ userId, fingerprint, timestamp: at(base, minutes) });

  /** The requests on `path` of one type, as verified payloads (each must verify with the endpoint's secret). */
  const received = (path: string, type: string, match: (payload: Payload) => boolean = () => true) =>
    receiver
      .on(path)
      .map((request) => new Webhook(secret).verify(request.body, request.headers) as Payload)
      .filter((payload) => payload.type === type && match(payload));
  const waitForType = (path: string, type: string, count: number, match: (payload: Payload) => boolean = () => true) =>
    receiver.waitFor(path, count, (request) => payloadOf(request).type === type && match(payloadOf(request)));

  async function incident(id: string) {
    const res = await t.http.get(`/v1/incidents/${id}`).set(s.as('viewer'));
    expect(res.status).toBe(200);
    return res.body as Record<string, unknown>;
  }

  async function user(userId: string) {
    const res = await t.http.get(`/v1/users/${userId}`).set(s.as('viewer'));
    expect(res.status).toBe(200);
    return res.body as Record<string, unknown>;
  }

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    t = await startTestApp();
    s = await createTenantSession(t, TENANT);
    const hook = await t.http
      .post('/v1/webhooks')
      .set(s.as('admin'))
      .send({ url: `${receiver.baseUrl}/pipeline`, events: ['incident.created', 'incident.updated', 'user.risk_level_changed'] });
    expect(hook.status).toBe(201);
    secret = hook.body.secret;
    const other = await t.http
      .post('/v1/webhooks')
      .set(s.as('admin'))
      .send({ url: `${receiver.baseUrl}/other`, events: ['token.created', 'member.removed'] });
    expect(other.status).toBe(201);
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  it('delivers incident.created with the incident as the API answers it, signed, and the users crossing a risk level', async () => {
    await ingest(t, TENANT, [use('pe_a', 'fp_pipe', 0), use('pe_b', 'fp_pipe', 1)]);
    const [created] = await waitForType('/pipeline', 'incident.created', 1);
    const payload = new Webhook(secret).verify(created.body, created.headers) as Payload;
    expect(payload).toMatchObject({ type: 'incident.created', tenantId: TENANT, timestamp: expect.any(String) });
    expect(payload.data).toEqual(await incident(payload.data.id!));
    expect(payload.data).toMatchObject({ signal: 'device_shared', subject: { type: 'fingerprint', id: 'fp_pipe' }, occurrences: 2 });

    await waitForType('/pipeline', 'user.risk_level_changed', 2);
    for (const userId of ['pe_a', 'pe_b']) {
      const [changed] = received('/pipeline', 'user.risk_level_changed', (p) => p.data.userId === userId);
      const { previous, ...listed } = changed.data;
      expect(previous).toEqual({ riskScore: 0, riskLevel: 'low' });
      expect(Object.keys(listed).sort()).toEqual([...LIST_ITEM_FIELDS].sort());
      expect(listed).toMatchObject({ riskScore: 25, riskLevel: 'medium', signals: ['device_shared'] });
      const detail = await user(userId);
      expect(listed).toEqual(Object.fromEntries(LIST_ITEM_FIELDS.map((field) => [field, detail[field]])));
    }
  });

  it('reports more evidence on the same incident as one incident.updated per chunk, and only new risk levels', async () => {
    const [{ data: first }] = received('/pipeline', 'incident.created');
    await ingest(t, TENANT, [use('pe_c', 'fp_pipe', 2), use('pe_d', 'fp_pipe', 3), use('pe_a', 'fp_pipe', 4)]);
    const [updated] = await waitForType('/pipeline', 'incident.updated', 1);
    const payload = new Webhook(secret).verify(updated.body, updated.headers) as Payload;
    expect(payload.data.id).toBe(first.id);
    expect(payload.data).toEqual(await incident(first.id!));
    expect(payload.data.occurrences).toBeGreaterThan(first.occurrences as number);
    await waitForType('/pipeline', 'user.risk_level_changed', 2, (p) => ['pe_c', 'pe_d'].includes(p.data.userId!));
    // pe_a was already medium: its level did not change, so no second event.
    expect(received('/pipeline', 'user.risk_level_changed', (p) => p.data.userId === 'pe_a')).toHaveLength(1);
    expect(received('/pipeline', 'incident.updated')).toHaveLength(1);
    expect(received('/pipeline', 'incident.created')).toHaveLength(1);
  });

  it('reports a user crossing to a higher level with the level before', async () => {
    // Three devices within 24 h: account_sharing (20) on top of device_shared (25) → 45, still medium; a
    // velocity burst (15) on top → 60, high.
    await ingest(t, TENANT, [use('pe_c', 'fp_c1', 10), use('pe_c', 'fp_c2', 11), use('pe_c', 'fp_c3', 12)]);
    const burst = Array.from({ length: 61 }, (_, index) =>
      event({ userId: 'pe_c', fingerprint: 'fp_burst', timestamp: new Date(base + 3_600_000 + index * 100).toISOString() }),
    );
    await ingest(t, TENANT, burst);
    const [high] = await waitForType('/pipeline', 'user.risk_level_changed', 1, (p) => p.data.userId === 'pe_c' && p.data.riskLevel === 'high');
    const data = payloadOf(high).data;
    expect(data.previous).toEqual({ riskScore: 45, riskLevel: 'medium' });
    expect(data).toMatchObject({ riskScore: 60, signals: ['device_shared', 'account_sharing', 'velocity'] });
  });

  it('reports a triage: incident.updated with the incident, and the risk levels a dismissal changed', async () => {
    const [{ data: shared }] = received('/pipeline', 'incident.created', (p) => p.data.signal === 'device_shared');
    const res = await t.http.patch(`/v1/incidents/${shared.id}`).set(s.as('editor')).send({ status: 'dismissed', note: 'family device' });
    expect(res.status).toBe(200);
    const [updated] = await waitForType('/pipeline', 'incident.updated', 1, (p) => p.data.status === 'dismissed');
    expect(payloadOf(updated).data).toEqual(await incident(shared.id!));
    // pe_a, pe_b and pe_d had device_shared only: medium → low.
    const lowered = await waitForType('/pipeline', 'user.risk_level_changed', 3, (p) => p.data.riskLevel === 'low');
    expect(lowered.map((request) => [payloadOf(request).data.userId, payloadOf(request).data.previous]).sort()).toEqual([
      ['pe_a', { riskScore: 25, riskLevel: 'medium' }],
      ['pe_b', { riskScore: 25, riskLevel: 'medium' }],
      ['pe_d', { riskScore: 25, riskLevel: 'medium' }],
    ]);
    // pe_c keeps account_sharing and velocity: 60 → 35, high → medium.
    const [lowerC] = await waitForType('/pipeline', 'user.risk_level_changed', 1, (p) => p.data.userId === 'pe_c' && p.data.previous?.riskLevel === 'high');
    expect(payloadOf(lowerC).data).toMatchObject({ riskScore: 35, previous: { riskScore: 60, riskLevel: 'high' } });
    expect(payloadOf(lowerC).data).toMatchObject(Object.fromEntries(Object.entries(await user('pe_c')).filter(([field]) => LIST_ITEM_FIELDS.includes(field))));
  });

  it('sends none of these to an endpoint subscribed to other types', async () => {
    await receiver.waitFor('/pipeline', 1, (request) => payloadOf(request).type === 'incident.created');
    expect(receiver.on('/other')).toEqual([]);
  });
});
