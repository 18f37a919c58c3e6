import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { registerDecorator } from 'class-validator';

const DIGITS = /^\d{1,16}$/;

/**
 * A query parameter holding a decimal integer in [min, max]. Query values arrive as strings and only plain
 * digits become a number: `Number()` would also read `0x10`, `1e2`, `16.0`, ` 16` and `+16`.
 */
export function DecimalInteger(min: number, max: number): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' && DIGITS.test(value) ? Number(value) : value)),
    (object: object, propertyName: string | symbol) =>
      registerDecorator({
        name: 'decimalInteger',
        target: object.constructor,
        propertyName: String(propertyName),
        constraints: [min, max],
        options: { message: `${String(propertyName)} must be a decimal integer from ${min} to ${max}` },
        validator: { validate: (value: unknown) => typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max },
      }),
  );
}
