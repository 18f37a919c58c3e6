import { expect } from '@jest/globals';
import { adminKeyHeaders } from '../support/session.js';
import type { TestApp } from '../support/test-app.js';

export interface CraftedEvent {
  eventId?: string;
  fingerprint: string;
  domainprint?: string;
  userId?: string;
  domain?: string;
  eventType?: 'page_view' | 'login' | 'signup' | 'purchase' | 'custom';
  geo?: { lat: number; lon: number; country?: string; city?: string };
  campaign?: { source: string; medium: string; name: string };
  sessionId?: string;
  timestamp: string;
}

/** Ingests crafted events through the real ingestion path (platform admin key, as a secret key may). */
export async function ingest(t: TestApp, tenantId: string, events: CraftedEvent[]): Promise<void> {
  for (let start = 0; start < events.length; start += 1000) {
    const batch = events.slice(start, start + 1000).map((event) => ({ domain: 'shop.example.com', ...event }));
    const res = await t.http.post('/v1/events/batch').set(adminKeyHeaders(tenantId)).send({ events: batch });
    expect([res.status, res.body]).toEqual([202, { accepted: batch.length, duplicates: 0 }]);
  }
}

/** An instant `minutes` after `base` (ISO-8601). */
export const at = (base: string, minutes: number) => new Date(Date.parse(base) + minutes * 60_000).toISOString();

/** Midnight UTC `days` days before today: fixtures stay within the default 30-day window and the retention. */
export function daysAgo(days: number): string {
  const today = new Date();
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - days * 86_400_000).toISOString();
}
