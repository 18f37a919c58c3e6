import type { LineFields } from '#libs/http/src/index.js';
import type { EventType } from './event-schema.js';

export interface EventView {
  tenantId?: string;
  /** The event's own id (= `eventId`), never the table's serial, which counts every tenant's events. */
  id: string;
  eventId: string;
  fingerprint: string;
  domainprint: string | null;
  userId: string | null;
  domain: string;
  url: string | null;
  eventType: EventType;
  ip: string | null;
  userAgent: string | null;
  geo: { lat: number; lon: number; country: string | null; city: string | null } | null;
  campaign: { source: string; medium: string; name: string; term: string | null; content: string | null } | null;
  sessionId: string | null;
  timestamp: string;
  receivedAt: string;
}

export interface EventRow {
  tenant_id: string;
  id: string;
  event_id: string;
  ts: Date;
  received_at: Date;
  fingerprint: string;
  domainprint: string | null;
  user_id: string | null;
  domain: string;
  url: string | null;
  event_type: EventType;
  ip: string | null;
  user_agent: string | null;
  lat: number | null;
  lon: number | null;
  country: string | null;
  city: string | null;
  session_id: string | null;
  campaign_source: string | null;
  campaign_medium: string | null;
  campaign_name: string | null;
  campaign_term: string | null;
  campaign_content: string | null;
}

export const EVENT_COLUMNS = `e.tenant_id, e.id, e.event_id, e.ts, e.received_at, e.fingerprint, e.domainprint, e.user_id, e.domain, e.url,
  e.event_type, host(e.ip) AS ip, e.user_agent, e.lat, e.lon, e.country, e.city, e.session_id,
  e.campaign_source, e.campaign_medium, e.campaign_name, e.campaign_term, e.campaign_content`;

/** The CSV columns of an event: the list item's fields, `geo` and `campaign` flattened (the cross-tenant `tenantId` aside). */
export const EVENT_CSV_COLUMNS = [
  'id',
  'eventId',
  'timestamp',
  'receivedAt',
  'eventType',
  'userId',
  'fingerprint',
  'domainprint',
  'domain',
  'url',
  'ip',
  'userAgent',
  'sessionId',
  'geo.lat',
  'geo.lon',
  'geo.country',
  'geo.city',
  'campaign.source',
  'campaign.medium',
  'campaign.name',
  'campaign.term',
  'campaign.content',
] as const;

/** What toEventView writes, as PostgreSQL writes an export line of it (see exportLineSql); over `events e`. */
export const EVENT_LINE_FIELDS: LineFields = {
  id: { text: 'e.event_id' },
  eventId: { text: 'e.event_id' },
  fingerprint: { text: 'e.fingerprint' },
  domainprint: { text: 'e.domainprint' },
  userId: { text: 'e.user_id' },
  domain: { text: 'e.domain' },
  url: { text: 'e.url' },
  eventType: { text: 'e.event_type' },
  ip: { text: 'host(e.ip)' },
  userAgent: { text: 'e.user_agent' },
  geo: {
    when: 'e.lat IS NOT NULL AND e.lon IS NOT NULL',
    object: { lat: { number: 'e.lat' }, lon: { number: 'e.lon' }, country: { text: 'e.country' }, city: { text: 'e.city' } },
  },
  campaign: {
    when: 'e.campaign_source IS NOT NULL',
    object: {
      source: { text: 'e.campaign_source' },
      medium: { text: 'e.campaign_medium' },
      name: { text: 'e.campaign_name' },
      term: { text: 'e.campaign_term' },
      content: { text: 'e.campaign_content' },
    },
  },
  sessionId: { text: 'e.session_id' },
  timestamp: { timestamp: 'e.ts' },
  receivedAt: { timestamp: 'e.received_at' },
};

export function toEventView(row: EventRow, withTenant: boolean): EventView {
  return {
    ...(withTenant ? { tenantId: row.tenant_id } : {}),
    id: row.event_id,
    eventId: row.event_id,
    fingerprint: row.fingerprint,
    domainprint: row.domainprint,
    userId: row.user_id,
    domain: row.domain,
    url: row.url,
    eventType: row.event_type,
    ip: row.ip,
    userAgent: row.user_agent,
    geo: row.lat === null || row.lon === null ? null : { lat: row.lat, lon: row.lon, country: row.country, city: row.city },
    campaign:
      row.campaign_source === null
        ? null
        : {
            source: row.campaign_source,
            medium: row.campaign_medium!,
            name: row.campaign_name!,
            term: row.campaign_term,
            content: row.campaign_content,
          },
    sessionId: row.session_id,
    timestamp: row.ts.toISOString(),
    receivedAt: row.received_at.toISOString(),
  };
}
