import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { PageQueryDto } from './pagination.js';

/** The limit as the validation pipe leaves it, or its error messages. */
function limitOf(limit: unknown): number | string[] {
  const query = plainToInstance(PageQueryDto, { limit });
  const errors = validateSync(query);
  return errors.length > 0 ? errors.flatMap((error) => Object.values(error.constraints ?? {})) : query.limit!;
}

describe('DecimalInteger (PageQueryDto.limit)', () => {
  it('reads plain decimal digits as a number', () => {
    expect(['1', '16', '500', '050'].map(limitOf)).toEqual([1, 16, 500, 50]);
  });

  it('refuses every other spelling with one message naming the field', () => {
    for (const limit of ['0x10', '1e2', '16.0', ' 16', '16 ', '+16', '-1', '0', '501', '', 'ten', '１６', '9'.repeat(17), ['16', '17'], 16.5]) {
      expect([limit, limitOf(limit)]).toEqual([limit, ['limit must be a decimal integer from 1 to 500']]);
    }
  });
});
