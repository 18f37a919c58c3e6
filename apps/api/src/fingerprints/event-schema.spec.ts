import { describe, expect, it } from '@jest/globals';
import type { FieldError } from '#libs/http/src/error-codes.js';
import { EVENT_SCHEMA, validateAgainst } from './event-schema.js';

/** The messages; each names its path first (the body itself when the path is empty). */
const problems = (value: unknown, path = '') => {
  const errors: FieldError[] = [];
  validateAgainst(value, EVENT_SCHEMA, path, errors);
  for (const error of errors) expect(error.message.startsWith(`${error.path || 'body'} `)).toBe(true);
  return errors.map((error) => error.message);
};

const valid = { fingerprint: 'fp', domain: 'shop.example.com' };
const PROTOTYPE_KEYS = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString'];

describe('the event validator', () => {
  it('accepts a minimal and a complete event', () => {
    expect(problems(valid)).toEqual([]);
    expect(
      problems({
        ...valid,
        eventId: 'e1',
        eventType: 'login',
        ip: '2001:db8::1',
        geo: { lat: 1, lon: 2, city: 'Paris' },
        campaign: { source: 's', medium: 'm', name: 'n' },
        timestamp: '2025-01-31T12:00:00+23:59',
      }),
    ).toEqual([]);
  });

  it('knows only its own keys: names of Object.prototype members are unknown, at the top and nested', () => {
    for (const key of PROTOTYPE_KEYS) {
      // Parsed from JSON, as a body is: `__proto__` becomes an own key instead of setting the prototype.
      const top = JSON.parse(`{"fingerprint":"fp","domain":"d","${key}":"x"}`) as unknown;
      expect([key, problems(top, 'events.2')]).toEqual([key, [`events.2.${key} should not exist`]]);
      const nested = JSON.parse(`{"fingerprint":"fp","domain":"d","campaign":{"source":"s","medium":"m","name":"n","${key}":{}}}`) as unknown;
      expect([key, problems(nested)]).toEqual([key, [`campaign.${key} should not exist`]]);
    }
  });

  it('reads required fields from the event itself, not from its prototype', () => {
    const inherited = Object.create({ fingerprint: 'fp', domain: 'd' }) as object;
    expect(problems(inherited)).toEqual(['fingerprint is required', 'domain is required']);
  });

  it('names timestamps without a zone or beyond what PostgreSQL holds', () => {
    for (const timestamp of ['2025-01-31T12:00:00', '0000-01-01T00:00:00Z', '+275760-09-13T00:00:00Z', '2025-01-31T12:00:00+24:00']) {
      expect(problems({ ...valid, timestamp })).toEqual([
        'timestamp must be an ISO-8601 timestamp with a time zone in the years 0001 to 9999, e.g. 2025-01-31T12:00:00Z',
      ]);
    }
  });
});
