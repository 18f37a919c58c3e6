import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { SORT_ORDERS, type SortOrder } from '#libs/database/src/index.js';
import { DecimalInteger } from './decimal-integer.js';
import { invalidField } from './error-codes.js';
import { IsInstantOrDate, parseInstant } from './instant.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;
const DEFAULT_WINDOW_DAYS = 30;

export class PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @DecimalInteger(1, MAX_PAGE_SIZE)
  limit?: number;

  /** Checked by the list's cursor codec, which answers `invalid_cursor` for anything it did not issue. */
  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page (`nextCursor`) of the same list, sort and order' })
  @IsOptional()
  @IsString()
  cursor?: string;
}

/** Lists whose order the caller chooses. */
export class OrderQueryDto {
  @ApiPropertyOptional({ enum: SORT_ORDERS, default: 'desc' })
  @IsOptional()
  @IsIn(SORT_ORDERS)
  order?: SortOrder;
}

export class TimeWindowQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Window start, inclusive (ISO-8601 with an offset or Z; a date alone is 00:00 UTC); default 30 days before `to`' })
  @IsOptional()
  @IsInstantOrDate()
  from?: string;

  @ApiPropertyOptional({ description: 'Window end, exclusive (ISO-8601 with an offset or Z; a date alone is 00:00 UTC); default now' })
  @IsOptional()
  @IsInstantOrDate()
  to?: string;
}

/**
 * On routes declared `crossTenant`: a superadmin without X-Organization-Id reads every tenant (audited). Documented as a
 * boolean, which clients send as the `true`/`false` the check accepts.
 */
export class AllTenantsQueryDto {
  @ApiPropertyOptional({ type: 'boolean', description: 'Superadmin, without X-Organization-Id: read across all tenants (audited)' })
  @IsOptional()
  @IsIn(['true', 'false'])
  allTenants?: 'true' | 'false';
}

/** Windows on a rollup's last-seen time (users, fingerprints): unbounded on a side left out, unlike event windows. */
export class LastSeenWindowQueryDto {
  @ApiPropertyOptional({ description: 'Last seen at or after (ISO-8601 with an offset or Z; a date alone is 00:00 UTC); default unbounded' })
  @IsOptional()
  @IsInstantOrDate()
  from?: string;

  @ApiPropertyOptional({ description: 'Last seen before (ISO-8601 with an offset or Z; a date alone is 00:00 UTC); default unbounded' })
  @IsOptional()
  @IsInstantOrDate()
  to?: string;
}

const windowBound = (name: 'from' | 'to', value: string) => {
  const parsed = parseInstant(value, { dateOnly: true });
  if (parsed === undefined) throw invalidField(name, `${name} must be an ISO-8601 time with an offset or Z, or a date`);
  return new Date(parsed);
};

/** `from` inclusive, `to` exclusive; default the last 30 days; an inverted window is a 400. */
export function resolveWindow(query: { from?: string; to?: string }): { from: Date; to: Date } {
  const to = query.to === undefined ? new Date() : windowBound('to', query.to);
  const from = query.from === undefined ? new Date(to.getTime() - DEFAULT_WINDOW_DAYS * 86_400_000) : windowBound('from', query.from);
  if (from >= to) throw invalidField('from', 'from must be before to');
  return { from, to };
}

/** Like resolveWindow, with each bound optional (absent = unbounded); both given and inverted (or empty) is a 400. */
export function resolveOpenWindow(query: { from?: string; to?: string }): { from?: Date; to?: Date } {
  const from = query.from === undefined ? undefined : windowBound('from', query.from);
  const to = query.to === undefined ? undefined : windowBound('to', query.to);
  if (from && to && from >= to) throw invalidField('from', 'from must be before to');
  return { from, to };
}
