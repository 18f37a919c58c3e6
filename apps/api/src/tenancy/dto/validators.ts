import { ValidationOptions, registerDecorator } from 'class-validator';
import { isOrigin } from '#libs/config/src/app-config.js';

/** IdP subjects: Clerk `user_...`, Auth0 `auth0|...`, emails; printable, no whitespace. */
export const USER_ID_PATTERN = /^[\x21-\x7e]{1,256}$/;

/** An exact origin: scheme://host[:port], nothing more (no path, no trailing slash, no wildcard). */
export function IsOrigin(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isOrigin',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must contain origins like https://shop.example.com (scheme://host[:port])`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isOrigin(value) },
    });
}
