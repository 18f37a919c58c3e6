import { ValidationArguments, ValidationOptions, registerDecorator } from 'class-validator';

/** IdP subjects: Clerk `user_...`, Auth0 `auth0|...`, emails; printable, no whitespace. */
export const USER_ID_PATTERN = /^[\x21-\x7e]{1,256}$/;

/** A host name (253) with scheme and port fits comfortably; anything longer is not an origin. */
const MAX_ORIGIN_LENGTH = 300;
/** Letters, digits, hyphens (and underscores, which browsers accept) between two letters or digits. */
const HOST_LABEL = /^[a-z0-9](?:[a-z0-9_-]{0,61}[a-z0-9])?$/;
const SHOWN_CHARACTERS = 100;

/**
 * Why `value` is not an exact origin `scheme://host[:port]`, or undefined when it is one. The origin
 * gate compares the browser's serialised origin with these strings, so anything else (a wildcard, a
 * trailing dot, a path, a default port spelt out) could never match and is refused instead of stored.
 */
export function originProblem(value: string): string | undefined {
  if (value.length > MAX_ORIGIN_LENGTH) return `is longer than ${MAX_ORIGIN_LENGTH} characters`;
  if (value.includes('*')) return 'has a wildcard; list each origin';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must use http or https';
  if (url.username || url.password || value.includes('@')) return 'has user info';
  if (url.pathname !== '/' || url.search || url.hash || /[/?#]/.test(value.slice(value.indexOf('//') + 2))) return 'has a path, query or fragment';
  if (url.hostname.endsWith('.')) return 'has a host ending in a dot';
  if (!url.hostname.startsWith('[') && !url.hostname.split('.').every((label) => HOST_LABEL.test(label))) return 'has a malformed host';
  if (url.origin !== value) return `must be written ${url.origin}`;
  return undefined;
}

function describeBadOrigins(values: unknown[]): string[] {
  return values.flatMap((value, index) => {
    if (typeof value !== 'string') return [`entry ${index} is not a string`];
    const problem = originProblem(value);
    if (problem === undefined) return [];
    const shown = value.length > SHOWN_CHARACTERS ? `${value.slice(0, SHOWN_CHARACTERS)}…` : value;
    return [`entry ${index} ${JSON.stringify(shown)} ${problem}`];
  });
}

/** Every entry an exact origin; one message names each entry that is not, and why. Pair with `@IsArray()`. */
export function AreOrigins(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'areOrigins',
      target: object.constructor,
      propertyName,
      options: {
        message: ({ value }: ValidationArguments) =>
          `${propertyName} must list origins as scheme://host[:port]: ${describeBadOrigins(Array.isArray(value) ? value : []).join('; ')}`,
        ...options,
      },
      validator: { validate: (value: unknown) => !Array.isArray(value) || describeBadOrigins(value).length === 0 },
    });
}
