import { isIP } from 'node:net';
import type { FieldError } from '#libs/http/src/error-codes.js';
import { parseInstant } from '#libs/http/src/instant.js';

/**
 * The event body, declared once: it validates ingested events and renders their OpenAPI schema.
 *
 * Ingestion validates up to 1000 events per request on the hot path. class-validator measured ~40 ms per
 * 1000 events on this machine (transform + validate), which alone would cap ingestion near 25k events/s
 * per process; this table-driven check costs about a millisecond for the same batch and produces the
 * same kind of messages, each naming the field's full path (`events.3.geo.lat must not be greater than 90`), for
 * every bad field of every event.
 */
type FieldRule =
  | { kind: 'string'; maxLength: number; allowEmpty?: boolean; example?: string; description?: string }
  | { kind: 'enum'; values: readonly string[]; default: string }
  | { kind: 'number'; min: number; max: number }
  | { kind: 'ip'; description: string }
  | { kind: 'timestamp'; description: string }
  | { kind: 'object'; fields: Schema };
type Field = FieldRule & { required?: boolean };
type Schema = Record<string, Field>;

export const EVENT_TYPES = ['page_view', 'login', 'signup', 'purchase', 'custom'] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export const MAX_BATCH_EVENTS = 1000;

const text = (maxLength: number, extra: Partial<Extract<FieldRule, { kind: 'string' }>> = {}): Field => ({ kind: 'string', maxLength, ...extra });

const GEO: Schema = {
  lat: { kind: 'number', min: -90, max: 90, required: true },
  lon: { kind: 'number', min: -180, max: 180, required: true },
  country: text(64),
  city: text(256),
};

const CAMPAIGN: Schema = {
  source: { ...text(256), required: true },
  medium: { ...text(256), required: true },
  name: { ...text(256), required: true },
  term: text(256),
  content: text(256),
};

export const EVENT_SCHEMA: Schema = {
  eventId: text(256, { description: 'Client id, unique per tenant: a retry with the same id is stored once. Generated when absent.' }),
  fingerprint: { ...text(256), required: true },
  domainprint: text(256),
  userId: text(256),
  domain: { ...text(253, { example: 'shop.example.com' }), required: true },
  url: text(2048, { allowEmpty: true }),
  eventType: { kind: 'enum', values: EVENT_TYPES, default: 'page_view' },
  ip: { kind: 'ip', description: 'End-user IP; secret keys only (publishable keys: the request address). Default: the request address.' },
  userAgent: text(1024, { allowEmpty: true }),
  geo: { kind: 'object', fields: GEO },
  campaign: { kind: 'object', fields: CAMPAIGN },
  sessionId: text(256),
  timestamp: {
    kind: 'timestamp',
    description:
      'ISO-8601 with a time zone; default now. Secret keys: up to 24 h ahead, back to the retention; publishable keys: within 10 minutes of server time.',
  },
};

/** An event as validated (the shape of EVENT_SCHEMA). */
export interface EventInput {
  eventId?: string;
  fingerprint: string;
  domainprint?: string;
  userId?: string;
  domain: string;
  url?: string;
  eventType?: EventType;
  ip?: string;
  userAgent?: string;
  geo?: { lat: number; lon: number; country?: string; city?: string };
  campaign?: { source: string; medium: string; name: string; term?: string; content?: string };
  sessionId?: string;
  timestamp?: string;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `path problem`, as the answer lists it. */
export function fieldError(path: string, problem: string): FieldError {
  return { path, message: `${path || 'body'} ${problem}` };
}

/**
 * Appends every problem of `value` against `schema` to `errors`; `path` prefixes every field name. Only
 * the schema's own keys are known: `in` would also find `constructor`, `toString` or `__proto__` on
 * Object.prototype and let them through.
 */
export function validateAgainst(value: unknown, schema: Schema, path: string, errors: FieldError[]): void {
  const at = (key: string) => (path ? `${path}.${key}` : key);
  if (!isPlainObject(value)) {
    errors.push(fieldError(path, 'must be an object'));
    return;
  }
  for (const key of Object.keys(value)) if (!Object.hasOwn(schema, key)) errors.push(fieldError(at(key), 'should not exist'));
  for (const [key, field] of Object.entries(schema)) {
    const item = Object.hasOwn(value, key) ? value[key] : undefined;
    if (item === undefined || item === null) {
      if (field.required) errors.push(fieldError(at(key), 'is required'));
      continue;
    }
    const problem = checkField(field, item, at(key), errors);
    if (problem) errors.push(fieldError(at(key), problem));
  }
}

function checkField(field: Field, item: unknown, path: string, errors: FieldError[]): string | undefined {
  switch (field.kind) {
    case 'string':
      if (typeof item !== 'string') return 'must be a string';
      if (item.length === 0 && !field.allowEmpty) return 'should not be empty';
      return item.length > field.maxLength ? `must be shorter than or equal to ${field.maxLength} characters` : undefined;
    case 'enum':
      return field.values.includes(item as string) ? undefined : `must be one of the following values: ${field.values.join(', ')}`;
    case 'number':
      if (typeof item !== 'number' || !Number.isFinite(item)) return 'must be a number';
      if (item < field.min) return `must not be less than ${field.min}`;
      if (item > field.max) return `must not be greater than ${field.max}`;
      return undefined;
    case 'ip':
      // A zone id (fe80::1%eth0) is an interface of the sender's host, not an address PostgreSQL stores.
      return typeof item === 'string' && isIP(item) !== 0 && !item.includes('%') ? undefined : 'must be an ip address';
    case 'timestamp':
      return typeof item === 'string' && parseInstant(item) !== undefined
        ? undefined
        : 'must be an ISO-8601 timestamp with a time zone in the years 0001 to 9999, e.g. 2025-01-31T12:00:00Z';
    case 'object':
      validateAgainst(item, field.fields, path, errors);
      return undefined;
  }
}

type OpenApiSchema = Record<string, unknown>;

/** The OpenAPI rendering of a schema (Swagger documents exactly what is validated). */
export function toOpenApi(schema: Schema): OpenApiSchema {
  const properties: Record<string, OpenApiSchema> = {};
  for (const [key, field] of Object.entries(schema)) {
    switch (field.kind) {
      case 'string':
        properties[key] = {
          type: 'string',
          maxLength: field.maxLength,
          ...(field.allowEmpty ? {} : { minLength: 1 }),
          example: field.example,
          description: field.description,
        };
        break;
      case 'enum':
        properties[key] = { type: 'string', enum: [...field.values], default: field.default };
        break;
      case 'number':
        properties[key] = { type: 'number', minimum: field.min, maximum: field.max };
        break;
      case 'ip':
        properties[key] = { type: 'string', description: field.description, example: '203.0.113.7' };
        break;
      case 'timestamp':
        properties[key] = { type: 'string', format: 'date-time', description: field.description };
        break;
      case 'object':
        properties[key] = toOpenApi(field.fields);
        break;
    }
  }
  const required = Object.keys(schema).filter((key) => schema[key].required);
  return { type: 'object', additionalProperties: false, properties, ...(required.length ? { required } : {}) };
}
