import { BadRequestException } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString } from 'class-validator';
import { SORT_ORDERS, type SortOrder } from '#libs/database/src/index.js';
import { DecimalInteger } from './decimal-integer.js';

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
  @ApiPropertyOptional({ description: 'Window start, inclusive (ISO-8601); default 30 days before `to`' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Window end, exclusive (ISO-8601); default now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

/** On routes declared `crossTenant`: a superadmin without X-Organization-Id reads every tenant (audited). */
export class AllTenantsQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Superadmin, without X-Organization-Id: read across all tenants (audited)' })
  @IsOptional()
  @IsIn(['true', 'false'])
  allTenants?: 'true' | 'false';
}

/** `from` inclusive, `to` exclusive; default the last 30 days; an inverted window is a 400. */
export function resolveWindow(query: { from?: string; to?: string }): { from: Date; to: Date } {
  const to = query.to ? new Date(query.to) : new Date();
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - DEFAULT_WINDOW_DAYS * 86_400_000);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) throw new BadRequestException('from/to must be ISO-8601 times');
  if (from >= to) throw new BadRequestException('from must be before to');
  return { from, to };
}
