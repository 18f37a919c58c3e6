import { describe, expect, it } from '@jest/globals';
import { BadRequestException, ForbiddenException } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, ValidateNested } from 'class-validator';
import { httpErrorBody } from './all-exceptions.filter.js';
import { ApiException, MAX_FIELD_ERRORS, validationFailed } from './error-codes.js';
import { createValidationPipe } from './validation.pipe.js';

class Geo {
  @IsInt()
  @Max(90)
  lat!: number;
}

class Item {
  @IsString()
  name!: string;

  @ValidateNested()
  @Type(() => Geo)
  geo!: Geo;
}

class Batch {
  @ValidateNested({ each: true })
  @Type(() => Item)
  items!: Item[];
}

async function refusal(value: unknown): Promise<ApiException> {
  try {
    await createValidationPipe().transform(value, { type: 'body', metatype: Batch });
  } catch (error) {
    return error as ApiException;
  }
  throw new Error('accepted');
}

describe('validation answers', () => {
  it('name every bad field by its full path, nested DTOs in arrays included, and sum them up in one sentence', async () => {
    const error = await refusal({
      items: [
        { name: 'ok', geo: { lat: 1 } },
        { name: 7, geo: { lat: 91 } },
        { name: 'x', geo: { lat: 1.5 } },
      ],
      extra: 1,
    });
    expect(httpErrorBody(error)).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      code: 'validation_failed',
      message: 'extra should not exist (and 3 more problems)',
      errors: [
        { path: 'extra', message: 'extra should not exist' },
        { path: 'items.1.name', message: 'items.1.name must be a string' },
        { path: 'items.1.geo.lat', message: 'items.1.geo.lat must not be greater than 90' },
        { path: 'items.2.geo.lat', message: 'items.2.geo.lat must be an integer number' },
      ],
    });
  });

  it('list at most MAX_FIELD_ERRORS problems, and count them all in the message', () => {
    const problems = Array.from({ length: MAX_FIELD_ERRORS + 5 }, (_, index) => ({ path: `events.${index}`, message: `events.${index} is wrong` }));
    const body = httpErrorBody(validationFailed(problems));
    expect(body.errors).toHaveLength(MAX_FIELD_ERRORS);
    expect(body.message).toBe(`events.0 is wrong (and ${MAX_FIELD_ERRORS + 4} more problems)`);
  });
});

describe('httpErrorBody', () => {
  it('turns a list of sentences into one message and errors named by their leading field', () => {
    expect(httpErrorBody(new BadRequestException(['a.b must be x', 'c: y', 'something else']))).toMatchObject({
      message: 'a.b must be x (and 2 more problems)',
      errors: [
        { path: 'a.b', message: 'a.b must be x' },
        { path: 'c', message: 'c: y' },
        { path: 'something', message: 'something else' },
      ],
    });
  });

  it('keeps a single message as it is, without errors', () => {
    expect(httpErrorBody(new ForbiddenException('Requires role admin'))).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      code: 'forbidden',
      message: 'Requires role admin',
    });
    expect(httpErrorBody(new ApiException(422, 'idempotency_key_reused', 'used'))).toEqual({
      statusCode: 422,
      error: 'Unprocessable Entity',
      code: 'idempotency_key_reused',
      message: 'used',
    });
  });
});
