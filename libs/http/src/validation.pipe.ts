import { ValidationError, ValidationPipe } from '@nestjs/common';
import { findForbiddenKey } from '#libs/common/src/deep-merge.js';
import { type FieldError, invalidField, validationFailed } from './error-codes.js';

/**
 * Every problem of every field, nested ones included, each named by its full path (`events.3.geo.lat`) in
 * `path` and at the start of its sentence. class-validator nests at most as deep as the body, which the JSON
 * parser bounds (MAX_JSON_DEPTH).
 */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      path,
      message: sentence(path, error.property, constraint, message),
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], path)];
  });
}

/** class-validator starts its messages with the bare property name; the answer names the full path instead. */
function sentence(path: string, property: string, constraint: string, message: string): string {
  if (constraint === 'whitelistValidation') return `${path} should not exist`;
  return message.startsWith(property) ? `${path}${message.slice(property.length)}` : `${path}: ${message}`;
}

/**
 * Nest's pipe silently deletes `__proto__`, `constructor` and `prototype` keys from every input; a key
 * dropped without a word would let a merge-patch "succeed" while ignoring part of it, so here such a key
 * is a 400 that names where it was found.
 */
class StrictValidationPipe extends ValidationPipe {
  protected override stripProtoKeys(value: unknown): void {
    const key = findForbiddenKey(value);
    if (key) throw invalidField(key, `${key}: __proto__, constructor and prototype keys are not allowed`);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => validationFailed(flattenValidationErrors(errors)),
  });
}
