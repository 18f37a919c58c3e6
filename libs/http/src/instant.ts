import { registerDecorator, ValidationOptions } from 'class-validator';

// 2025-01-31T12:00Z, 2025-01-31T12:00:00.123456+02:00; with `dateOnly`, also 2025-01-31 (00:00 UTC).
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):?(\d{2})))?$/;

/** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z: instants whose UTC ISO form has a four-digit year. */
const EARLIEST = -62_135_596_800_000;
const LATEST = 253_402_300_799_999;

/**
 * Milliseconds since the epoch of an ISO-8601 instant with an explicit zone (`Z` or an offset up to
 * ±23:59), or undefined for anything else: a missing zone (whose meaning would depend on the server's),
 * an impossible date or time (Feb 30, 24:00, a leap second), or an instant outside the years 0001..9999
 * UTC. Every instant that passes fits JavaScript's Date and PostgreSQL's timestamptz, and so does its UTC
 * ISO string; callers hand PostgreSQL that (or a Date), never the client's text, as PostgreSQL refuses
 * offsets beyond ±15:59 and the year 0000.
 */
export function parseInstant(value: string, options: { dateOnly?: boolean } = {}): number | undefined {
  const match = INSTANT.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second = '0', fraction = '0', zone, sign, zoneHours = '0', zoneMinutes = '0'] = match;
  if (hour === undefined && !options.dateOnly) return undefined;
  const [y, mo, d, h, mi, s, oh, om] = [year, month, day, hour ?? '0', minute ?? '0', second, zoneHours, zoneMinutes].map(Number);
  if (h > 23 || mi > 59 || s > 59 || oh > 23 || om > 59) return undefined;
  // setUTCFullYear, unlike Date.UTC, takes years below 100 as they are (not as 19xx).
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  // A day that does not exist (Feb 30) rolls over into the next month.
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  const local = date.getTime() + ((h * 60 + mi) * 60 + s) * 1000 + Number(fraction.padEnd(3, '0').slice(0, 3));
  const offsetMinutes = zone === 'Z' || zone === undefined ? 0 : (sign === '+' ? 1 : -1) * (oh * 60 + om);
  const instant = local - offsetMinutes * 60_000;
  return instant >= EARLIEST && instant <= LATEST ? instant : undefined;
}

/** A time-window bound (`from`, `to`): an instant as `parseInstant` reads it, or a date alone; the message names the field. */
export function IsInstantOrDate(validationOptions?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isInstantOrDate',
      target: object.constructor,
      propertyName,
      options: {
        message: `${propertyName} must be an ISO-8601 time with an offset or Z (2025-01-31T12:00:00Z, 2025-01-31T14:00:00+02:00) or a date (2025-01-31), in the years 0001 to 9999`,
        ...validationOptions,
      },
      validator: { validate: (value: unknown) => typeof value === 'string' && parseInstant(value, { dateOnly: true }) !== undefined },
    });
}
