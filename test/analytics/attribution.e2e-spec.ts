import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { adminKeyHeaders, createTenantSession, type TenantSession } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { at, type CraftedEvent, daysAgo, ingestAll } from './support.js';

const GOOGLE_SPRING = { source: 'google', medium: 'cpc', name: 'spring' };
const GOOGLE_AUTUMN = { source: 'google', medium: 'cpc', name: 'autumn' };
const FACEBOOK_SPRING = { source: 'facebook', medium: 'social', name: 'spring' };
const NEWSLETTER_WEEKLY = { source: 'newsletter', medium: 'email', name: 'weekly' };

/** [visits, uniqueUsers, signups, purchases, conversionRate, firstTouchConversions, lastTouchConversions] */
type Figures = [number, number, number, number, number, number, number];
const row = (
  groupBy: string,
  key: string,
  [visits, uniqueUsers, signups, purchases, conversionRate, firstTouchConversions, lastTouchConversions]: Figures,
) => ({
  [groupBy]: key,
  visits,
  uniqueUsers,
  signups,
  purchases,
  conversionRate,
  firstTouchConversions,
  lastTouchConversions,
});

describe('GET /v1/attribution/stats', () => {
  let t: TestApp;
  let session: TenantSession;
  const D0 = daysAgo(5);
  /** Day `day` after D0 at hh:mm. */
  const time = (day: number, hours: number, minutes = 0) => at(D0, day * 1440 + hours * 60 + minutes);
  const stats = (query = '') => t.http.get(`/v1/attribution/stats${query}`).set(session.as('viewer'));
  const whole = `&from=${time(0, 0)}&to=${time(3, 0)}`;

  const main: CraftedEvent[] = [
    { eventId: 'u3-signup', userId: 'u3', fingerprint: 'f3', eventType: 'signup', timestamp: time(0, 8) },
    { eventId: 'c3', userId: 'u3', fingerprint: 'f3', campaign: GOOGLE_SPRING, timestamp: time(0, 9) },
    { eventId: 'c1', userId: 'u1', fingerprint: 'f1', campaign: GOOGLE_SPRING, timestamp: time(0, 10) },
    { eventId: 'c2', fingerprint: 'f_anonymous', campaign: GOOGLE_SPRING, timestamp: time(0, 10, 30) },
    { eventId: 'c4', userId: 'u2', fingerprint: 'f2', campaign: FACEBOOK_SPRING, timestamp: time(0, 11) },
    { eventId: 'u2-purchase', userId: 'u2', fingerprint: 'f2', eventType: 'purchase', timestamp: time(0, 11) },
    { eventId: 'u3-purchase', userId: 'u3', fingerprint: 'f3', eventType: 'purchase', timestamp: time(0, 13) },
    { eventId: 'c6', userId: 'u1', fingerprint: 'f1', campaign: NEWSLETTER_WEEKLY, timestamp: time(1, 9) },
    { eventId: 'u1-signup', userId: 'u1', fingerprint: 'f1', eventType: 'signup', timestamp: time(1, 10) },
    { eventId: 'u4-signup', userId: 'u4', fingerprint: 'f4', eventType: 'signup', timestamp: time(1, 15) },
    { eventId: 'c8', userId: 'u1', fingerprint: 'f1', campaign: GOOGLE_SPRING, timestamp: time(2, 8) },
    { eventId: 'u1-purchase', userId: 'u1', fingerprint: 'f1', eventType: 'purchase', timestamp: time(2, 12) },
  ];

  beforeAll(async () => {
    t = await startTestApp();
    session = await createTenantSession(t, 'attribution');
    await ingestAll(t, session.tenantId, main);
  });
  afterAll(async () => {
    await t.close();
  });

  it('re-attributes conversions when campaign events arrive late (last touch, then an earlier first touch)', async () => {
    // u4 signed up without any touch yet: not attributed.
    expect((await stats(`?groupBy=source${whole}`).expect(200)).body).toEqual({
      data: [
        row('source', 'google', [4, 2, 0, 2, 1, 3, 2]),
        row('source', 'facebook', [1, 1, 0, 1, 1, 1, 1]),
        row('source', 'newsletter', [1, 1, 1, 0, 1, 0, 1]),
      ],
    });
    // A google touch one hour before u4's signup arrives: it is both its first and last touch.
    await ingestAll(t, session.tenantId, [{ eventId: 'c7', userId: 'u4', fingerprint: 'f4', campaign: GOOGLE_AUTUMN, timestamp: time(1, 14) }]);
    expect((await stats(`?groupBy=source${whole}`).expect(200)).body.data[0]).toEqual(row('source', 'google', [5, 3, 1, 2, 1, 4, 3]));
    // An older facebook touch arrives: it becomes u4's first touch; the last touch stays google.
    await ingestAll(t, session.tenantId, [{ eventId: 'c5', userId: 'u4', fingerprint: 'f4', campaign: FACEBOOK_SPRING, timestamp: time(0, 12) }]);
    expect((await stats(`?groupBy=source${whole}`).expect(200)).body).toEqual({
      data: [
        row('source', 'google', [5, 3, 1, 2, 1, 3, 3]),
        row('source', 'facebook', [2, 2, 0, 1, 0.5, 2, 1]),
        row('source', 'newsletter', [1, 1, 1, 0, 1, 0, 1]),
      ],
    });
  });

  it('groups by medium and by campaign name', async () => {
    expect((await stats(`?groupBy=medium${whole}`).expect(200)).body).toEqual({
      data: [row('medium', 'cpc', [5, 3, 1, 2, 1, 3, 3]), row('medium', 'social', [2, 2, 0, 1, 0.5, 2, 1]), row('medium', 'email', [1, 1, 1, 0, 1, 0, 1])],
    });
    // spring runs on google and facebook: one row. u1's purchase is last-touched by its second spring visit.
    expect((await stats(`?groupBy=campaign${whole}`).expect(200)).body).toEqual({
      data: [
        row('campaign', 'spring', [6, 4, 0, 3, 0.75, 5, 3]),
        row('campaign', 'autumn', [1, 1, 1, 0, 1, 0, 1]),
        row('campaign', 'weekly', [1, 1, 1, 0, 1, 0, 1]),
      ],
    });
  });

  it('applies the window to visit and conversion times: whole days, partial days and both', async () => {
    // Exactly day 1: facebook has no visit but u4's signup counts for it by first touch.
    expect((await stats(`?from=${time(1, 0)}&to=${time(2, 0)}`).expect(200)).body).toEqual({
      data: [
        row('source', 'google', [1, 1, 1, 0, 1, 1, 1]),
        row('source', 'newsletter', [1, 1, 1, 0, 1, 0, 1]),
        row('source', 'facebook', [0, 0, 0, 0, 0, 1, 0]),
      ],
    });
    // Within one day, `from` inclusive and `to` exclusive: c1 and the anonymous c2, not c4 nor u2's purchase at 11:00.
    expect((await stats(`?from=${time(0, 10)}&to=${time(0, 11)}`).expect(200)).body).toEqual({ data: [row('source', 'google', [2, 1, 0, 0, 0, 0, 0])] });
    // Part of day 0, all of day 1, part of day 2 (c8 at `to` is out).
    expect((await stats(`?from=${time(0, 10, 30)}&to=${time(2, 8)}`).expect(200)).body).toEqual({
      data: [
        row('source', 'facebook', [2, 2, 0, 1, 0.5, 2, 1]),
        row('source', 'google', [2, 1, 1, 1, 1, 2, 2]),
        row('source', 'newsletter', [1, 1, 1, 0, 1, 0, 1]),
      ],
    });
    // A conversion before any campaign event is attributed to nothing.
    expect((await stats(`?from=${time(0, 8)}&to=${time(0, 9)}`).expect(200)).body).toEqual({ data: [] });
    expect((await stats(`?from=${time(0, 9)}&to=${time(0, 9, 0.001)}`).expect(200)).body).toEqual({ data: [row('source', 'google', [1, 1, 0, 0, 0, 0, 0])] });
  });

  it('defaults to source over the last 30 days', async () => {
    const res = await stats().expect(200);
    expect(res.body.data.map((entry: { source: string; visits: number }) => [entry.source, entry.visits])).toEqual([
      ['google', 5],
      ['facebook', 2],
      ['newsletter', 1],
    ]);
    expect((await stats(`?from=${at(daysAgo(60), 0)}&to=${at(daysAgo(31), 0)}`).expect(200)).body).toEqual({ data: [] });
  });

  it('counts a retried event once', async () => {
    const retry = await t.http
      .post('/v1/events/batch')
      .set(adminKeyHeaders(session.tenantId))
      .send({ events: main.map((event) => ({ domain: 'shop.example.com', ...event })) });
    expect([retry.status, retry.body]).toEqual([202, { accepted: 0, duplicates: main.length }]);
    expect((await stats(`?groupBy=source${whole}`).expect(200)).body.data[0]).toEqual(row('source', 'google', [5, 3, 1, 2, 1, 3, 3]));
  });

  it('rejects an unknown grouping and a bad window', async () => {
    const unknown = await stats('?groupBy=term');
    expect([unknown.status, unknown.body.message, unknown.body.errors]).toEqual([
      400,
      'groupBy must be one of the following values: source, medium, campaign',
      [{ path: 'groupBy', message: 'groupBy must be one of the following values: source, medium, campaign' }],
    ]);
    expect((await stats(`?from=${time(1, 0)}&to=${time(0, 0)}`)).status).toBe(400);
    expect((await stats('?to=2025-13-01T00:00:00Z')).status).toBe(400);
  });
});
