import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { at, event, ingest, recentBase } from '../support/events.js';
import { csvLines, fetchExport, listAll, ndjsonItems } from '../support/exports.js';
import { createTenantSession, type TenantSession } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface ExportedEvent {
  id: string;
  eventId: string;
  timestamp: string;
  receivedAt: string;
  userId: string | null;
}

const EVENT_HEADER =
  'id,eventId,timestamp,receivedAt,eventType,userId,fingerprint,domainprint,domain,url,ip,userAgent,sessionId,' +
  'geo.lat,geo.lon,geo.country,geo.city,campaign.source,campaign.medium,campaign.name,campaign.term,campaign.content';
const USER_HEADER = 'userId,eventCount,fingerprintCount,domains,riskScore,riskLevel,signals,firstSeen,lastSeen,status,labels';
type Query = Record<string, string>;
const AUDIT_HEADER = 'seq,at,actorType,actorId,operation,entityType,entityId,outcome,requestId,ip,details,hashPrev,hashVersion,hash,tenantId';

describe('exports answer what their lists page through', () => {
  let t: TestApp;
  let a: TenantSession;
  let b: TenantSession;
  const base = recentBase();
  const hostile = event({
    userId: '=1+2',
    fingerprint: 'fp_csv',
    domainprint: '-dp',
    url: 'https://shop.example.com/?a=1,b="2"',
    ip: '203.0.113.7',
    userAgent: 'Mozilla/5.0',
    eventType: 'signup',
    geo: { lat: -33.5, lon: 151.25, country: 'AU', city: 'Sydney' },
    campaign: { source: '@evil', medium: '+cpc', name: 'spring, "sale"' },
    timestamp: at(base, 100),
  });

  beforeAll(async () => {
    t = await startTestApp();
    a = await createTenantSession(t, 'exp_a');
    b = await createTenantSession(t, 'exp_b');
    await ingest(t, a.tenantId, [
      ...Array.from({ length: 60 }, (_, i) =>
        event({
          userId: `u${i % 6}`,
          fingerprint: `fp${i % 6}`,
          domain: i % 4 === 0 ? 'blog.example.com' : 'shop.example.com',
          eventType: i % 2 === 0 ? 'page_view' : 'login',
          timestamp: at(base, Math.floor(i / 2)),
        }),
      ),
      hostile,
    ]);
    await ingest(t, b.tenantId, [event({ userId: 'b_only', fingerprint: 'fp_b', timestamp: at(base, 5) })]);
    const labelled = await t.http
      .patch('/v1/users/u1')
      .set(a.as('editor'))
      .send({ status: 'blocked', labels: ['vip', 'a,b'] });
    expect(labelled.status).toBe(200);
  });
  afterAll(async () => {
    await t.close();
  });

  describe('GET /v1/events/export', () => {
    for (const query of [
      {},
      { userId: 'u1', order: 'asc' },
      { eventType: 'page_view', domain: 'blog.example.com' },
      { fingerprint: 'fp2', from: at(base, 10), to: at(base, 20) },
    ] as Query[]) {
      it(`streams every event of the list, in its order and shape (${JSON.stringify(query)}), as NDJSON and CSV`, async () => {
        const listed = await listAll<ExportedEvent>(t, '/v1/events', a.as('viewer'), query);
        expect(listed.length).toBeGreaterThan(0);
        const ndjson = await fetchExport(t, '/v1/events/export', a.as('viewer'), query);
        expect([ndjson.status, ndjson.headers['content-type']]).toEqual([200, 'application/x-ndjson; charset=utf-8']);
        expect(ndjsonItems(ndjson.body as string)).toEqual(listed);
        const csv = await fetchExport(t, '/v1/events/export', a.as('viewer'), query, 'text/csv');
        expect([csv.status, csv.headers['content-type'], csv.headers['content-disposition']]).toEqual([
          200,
          'text/csv; charset=utf-8',
          'attachment; filename="events.csv"',
        ]);
        const lines = csvLines(csv.body as string);
        expect(lines[0]).toBe(EVENT_HEADER);
        expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(listed.map((item) => item.id));
      });
    }

    it('filters by event type on the list and the export alike', async () => {
      const listed = await listAll<{ eventType: string; domain: string }>(t, '/v1/events', a.as('viewer'), {
        eventType: 'page_view',
        domain: 'blog.example.com',
      });
      expect(listed.map((item) => [item.eventType, item.domain])).toEqual(Array(15).fill(['page_view', 'blog.example.com']));
      const logins = await fetchExport(t, '/v1/events/export', a.as('viewer'), { eventType: 'login' });
      expect(ndjsonItems<{ eventType: string }>(logins.body as string).map((item) => item.eventType)).toEqual(Array(30).fill('login'));
    });

    it('flattens geo and campaign into dotted columns, quotes as RFC 4180 says and defuses formulas', async () => {
      const [item] = ndjsonItems<ExportedEvent>((await fetchExport(t, '/v1/events/export', a.as('viewer'), { fingerprint: 'fp_csv' })).body as string);
      const lines = csvLines((await fetchExport(t, '/v1/events/export', a.as('viewer'), { fingerprint: 'fp_csv' }, 'text/csv')).body as string);
      expect(lines).toEqual([
        EVENT_HEADER,
        [
          hostile.eventId,
          hostile.eventId,
          hostile.timestamp,
          item.receivedAt,
          'signup',
          "'=1+2",
          'fp_csv',
          "'-dp",
          'shop.example.com',
          '"https://shop.example.com/?a=1,b=""2"""',
          '203.0.113.7',
          'Mozilla/5.0',
          '',
          '-33.5',
          '151.25',
          'AU',
          'Sydney',
          "'@evil",
          "'+cpc",
          '"spring, ""sale"""',
          '',
          '',
        ].join(','),
      ]);
    });

    it("holds only the caller's tenant, and a header row alone when nothing matches", async () => {
      const items = ndjsonItems<ExportedEvent>((await fetchExport(t, '/v1/events/export', b.as('viewer'))).body as string);
      expect(items.map((item) => item.userId)).toEqual(['b_only']);
      const none = await fetchExport(t, '/v1/events/export', a.as('viewer'), { userId: 'nobody' }, 'text/csv');
      expect([none.status, none.body]).toEqual([200, `${EVENT_HEADER}\r\n`]);
      const empty = await fetchExport(t, '/v1/events/export', a.as('viewer'), { userId: 'nobody' });
      expect([empty.status, empty.body]).toEqual([200, '']);
    });
  });

  describe('GET /v1/users/export', () => {
    for (const query of [{}, { sort: 'eventCount', order: 'asc' }, { sort: 'riskScore' }, { q: 'u', status: 'active' }, { label: 'vip' }] as Query[]) {
      it(`streams every user of the list, in its order and shape (${JSON.stringify(query)})`, async () => {
        const listed = await listAll<{ userId: string }>(t, '/v1/users', a.as('viewer'), query, 4);
        expect(listed.length).toBeGreaterThan(0);
        const ndjson = await fetchExport(t, '/v1/users/export', a.as('viewer'), query);
        expect(ndjsonItems(ndjson.body as string)).toEqual(listed);
        const lines = csvLines((await fetchExport(t, '/v1/users/export', a.as('viewer'), query, 'text/csv')).body as string);
        expect(lines[0]).toBe(USER_HEADER);
        expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(listed.map((user) => (user.userId === '=1+2' ? "'=1+2" : user.userId)));
      });
    }

    it('writes arrays as JSON text, quoted', async () => {
      const [user] = ndjsonItems<{ firstSeen: string; lastSeen: string }>(
        (await fetchExport(t, '/v1/users/export', a.as('viewer'), { q: 'u1' })).body as string,
      );
      const lines = csvLines((await fetchExport(t, '/v1/users/export', a.as('viewer'), { q: 'u1' }, 'text/csv')).body as string);
      expect(lines).toEqual([USER_HEADER, `u1,10,1,"[""shop.example.com""]",0,low,[],${user.firstSeen},${user.lastSeen},blocked,"[""vip"",""a,b""]"`]);
    });
  });

  describe('GET /v1/audit/export', () => {
    it('streams every audit row of the list to an admin, in both orders', async () => {
      for (const query of [{}, { order: 'asc' }, { operation: 'member.upsert' }] as Query[]) {
        const listed = await listAll<{ seq: number }>(t, '/v1/audit', a.as('admin'), query, 2);
        expect(listed.length).toBeGreaterThan(0);
        expect(ndjsonItems((await fetchExport(t, '/v1/audit/export', a.as('admin'), query)).body as string)).toEqual(listed);
        const lines = csvLines((await fetchExport(t, '/v1/audit/export', a.as('admin'), query, 'text/csv')).body as string);
        expect(lines[0]).toBe(AUDIT_HEADER);
        expect(lines.slice(1).map((line) => Number(line.split(',')[0]))).toEqual(listed.map((row) => row.seq));
      }
    });

    it('is refused below admin', async () => {
      const res = await fetchExport(t, '/v1/audit/export', a.as('viewer'));
      expect([res.status, JSON.parse(res.body as string).code]).toEqual([403, 'role_required']);
    });
  });

  describe('refusals before the first byte are JSON errors', () => {
    it('answers 406 not_acceptable to an Accept naming neither format, and NDJSON to */*', async () => {
      const refused = await fetchExport(t, '/v1/events/export', a.as('viewer'), {}, 'application/json');
      expect([refused.status, JSON.parse(refused.body as string).code]).toEqual([406, 'not_acceptable']);
      const any = await fetchExport(t, '/v1/events/export', a.as('viewer'), {}, '*/*');
      expect([any.status, any.headers['content-type']]).toEqual([200, 'application/x-ndjson; charset=utf-8']);
    });

    it('answers bad filters with 400 validation_failed', async () => {
      for (const [path, query] of [
        ['/v1/events/export', { order: 'sideways' }],
        ['/v1/events/export', { from: at(base, 10), to: at(base, 5) }],
        ['/v1/users/export', { sort: 'name' }],
        ['/v1/users/export', { signal: 'nope' }],
        ['/v1/users/export', { limit: '5' }],
        ['/v1/audit/export', { cursor: 'x' }],
      ] as Array<[string, Query]>) {
        const res = await fetchExport(t, path, a.as('admin'), query);
        expect([path, res.status, JSON.parse(res.body as string).code]).toEqual([path, 400, 'validation_failed']);
      }
    });

    it('is tenant-scoped: a superadmin names the tenant', async () => {
      const superadmin = { Authorization: `Bearer ${await t.issuer.sign('user_superadmin')}` };
      const res = await fetchExport(t, '/v1/users/export', superadmin, { allTenants: 'true' });
      expect([res.status, JSON.parse(res.body as string).code]).toEqual([400, expect.any(String)]);
      const named = await fetchExport(t, '/v1/users/export', { ...superadmin, 'X-Organization-Id': b.tenantId });
      expect(ndjsonItems<{ userId: string }>(named.body as string).map((user) => user.userId)).toEqual(['b_only']);
    });
  });
});
