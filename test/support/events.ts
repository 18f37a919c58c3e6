import { expect } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import type { EventInput } from '../../apps/api/src/fingerprints/event-schema.js';
import { adminKeyHeaders } from './session.js';
import type { TestApp } from './test-app.js';

/** An event body as a test sends it: the API's shape, loosened so tests can send wrong things too. */
export type TestEvent = Omit<EventInput, 'eventType'> & { eventType?: string; [extra: string]: unknown };

const run = randomBytes(3).toString('hex');
let sequence = 0;

/** An event with a unique eventId; `overrides` set the rest. */
export function event(overrides: Partial<TestEvent> = {}): TestEvent {
  sequence += 1;
  return { eventId: `evt_${run}_${sequence}`, fingerprint: 'fp_default', domain: 'shop.example.com', ...overrides };
}

/** Kilometres per degree of longitude on the equator (haversine, R = 6371 km): distances there are exact. */
export const KM_PER_DEGREE = (6371 * Math.PI) / 180;

/** A point on the equator `km` east of longitude `fromLon`. */
export const onEquator = (km: number, fromLon = 0) => ({ lat: 0, lon: fromLon + km / KM_PER_DEGREE });

/** A time `minutes` after `base` (epoch ms), as ISO-8601. */
export const at = (base: number, minutes: number) => new Date(base + minutes * 60_000).toISOString();

/** The current instant written with a zone offset of `minutes` east of UTC, e.g. `2025-01-31T23:59:00+23:59`. */
export function nowAtOffset(minutes: number): string {
  const local = new Date(Date.now() + minutes * 60_000).toISOString().slice(0, 19);
  const size = Math.abs(minutes);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local}${minutes < 0 ? '-' : '+'}${pad(Math.floor(size / 60))}:${pad(size % 60)}`;
}

/** A recent whole minute, well inside every window and retention (two days ago). */
export const recentBase = () => Math.floor((Date.now() - 2 * 86_400_000) / 60_000) * 60_000;

/** Asks an ingest request to answer once its events are processed, so the reads that follow see them. */
export const WAIT_PROCESSED = { Prefer: 'wait=30' };

/** Ingests a batch with the platform admin key and expects it processed (200 with `processed: true`). */
export async function ingest(t: TestApp, tenantId: string, events: TestEvent[]): Promise<{ accepted: number; duplicates: number }> {
  const res = await t.http.post('/v1/events/batch').set(adminKeyHeaders(tenantId)).set(WAIT_PROCESSED).send({ events });
  expect([res.status, res.body]).toEqual([200, expect.objectContaining({ accepted: expect.any(Number), processed: true })]);
  const { accepted, duplicates } = res.body as { accepted: number; duplicates: number };
  return { accepted, duplicates };
}

/** Every page of a list route, following nextCursor. */
export async function allPages<T>(fetchPage: (cursor?: string) => Promise<{ status: number; body: { data: T[]; nextCursor: string | null } }>): Promise<T[][]> {
  const pages: T[][] = [];
  let cursor: string | undefined;
  do {
    const res = await fetchPage(cursor);
    expect(res.status).toBe(200);
    pages.push(res.body.data);
    cursor = res.body.nextCursor ?? undefined;
  } while (cursor);
  return pages;
}

/** Reads a user's detail (signals, risk, incidents) as a viewer of the tenant. */
export async function userDetail(t: TestApp, headers: Record<string, string>, userId: string) {
  const res = await t.http.get(`/v1/users/${encodeURIComponent(userId)}`).set(headers);
  expect([res.status, userId]).toEqual([200, userId]);
  return res.body as {
    signals: string[];
    riskScore: number;
    riskLevel: string;
    incidents: Array<{ signal: string; startedAt: string; occurredAt: string; evidence: Record<string, unknown> }>;
  };
}
