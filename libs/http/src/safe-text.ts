import { registerDecorator, ValidationOptions } from 'class-validator';

/** PostgreSQL text holds neither NUL nor unpaired surrogates; input carrying them is the client's error. */
export function unsafeTextProblem(value: string): string | undefined {
  if (value.includes('\u0000')) return 'must not contain NUL characters';
  if (!(value as string & { isWellFormed(): boolean }).isWellFormed()) return 'must be well-formed Unicode';
  return undefined;
}

export function IsSafeText(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isSafeText',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be text without NUL characters or unpaired surrogates`, ...options },
      validator: { validate: (value: unknown) => typeof value !== 'string' || unsafeTextProblem(value) === undefined },
    });
}
