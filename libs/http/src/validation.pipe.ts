import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { findForbiddenKey } from '#libs/common/src/deep-merge.js';

/** Flattens nested errors into messages that name the full path of the bad field (`events.3.geo.lat ...`). */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) =>
      message.startsWith(error.property) ? `${path}${message.slice(error.property.length)}` : `${path}: ${message}`,
    );
    return [...own, ...flattenValidationErrors(error.children ?? [], path)];
  });
}

/**
 * Nest's pipe silently deletes `__proto__`, `constructor` and `prototype` keys from every input; a key
 * dropped without a word would let a merge-patch "succeed" while ignoring part of it, so here such a key
 * is a 400 that names where it was found.
 */
class StrictValidationPipe extends ValidationPipe {
  protected override stripProtoKeys(value: unknown): void {
    const key = findForbiddenKey(value);
    if (key) throw new BadRequestException([`${key}: __proto__, constructor and prototype keys are not allowed`]);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => new BadRequestException(flattenValidationErrors(errors)),
  });
}
