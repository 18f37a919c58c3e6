import { expect } from '@jest/globals';
import type { Response } from 'supertest';

export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * The field problems of a validation answer, once its shape is checked: a 400 `validation_failed` whose
 * `message` is one sentence (the first problem, and how many more) and whose `errors` name every field.
 */
export function fieldProblems(res: Response): FieldProblem[] {
  expect(res.body).toEqual({
    statusCode: 400,
    error: 'Bad Request',
    code: 'validation_failed',
    message: expect.any(String),
    requestId: res.headers['x-request-id'],
    errors: expect.any(Array),
  });
  const errors = res.body.errors as FieldProblem[];
  expect(errors.length).toBeGreaterThan(0);
  const more = errors.length - 1;
  expect(res.body.message).toBe(more === 0 ? errors[0].message : `${errors[0].message} (and ${more} more problem${more === 1 ? '' : 's'})`);
  return errors;
}

/** The messages of a validation answer's problems. */
export const problemMessages = (res: Response): string[] => fieldProblems(res).map((problem) => problem.message);
