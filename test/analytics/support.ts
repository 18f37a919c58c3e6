import { expect } from '@jest/globals';
import { at, event, ingest, type TestEvent } from '../support/events.js';
import type { TestApp } from '../support/test-app.js';

export { at };

/** An analytics fixture event: a unique eventId and a domain are filled in. */
export type CraftedEvent = Partial<TestEvent> & { fingerprint: string; timestamp: string };

/** Ingests crafted events through the real ingestion path (platform admin key), 1000 per batch, all new. */
export async function ingestAll(t: TestApp, tenantId: string, events: CraftedEvent[]): Promise<void> {
  for (let start = 0; start < events.length; start += 1000) {
    const batch = events.slice(start, start + 1000).map((crafted) => event(crafted));
    expect(await ingest(t, tenantId, batch)).toEqual({ accepted: batch.length, duplicates: 0 });
  }
}

/** Midnight UTC `days` days before today (epoch ms): fixtures stay within the default 30-day window and the retention. */
export function daysAgo(days: number): number {
  const today = new Date();
  return Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - days * 86_400_000;
}
