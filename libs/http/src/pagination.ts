import { BadRequestException } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsInstantOrDate, parseInstant } from './instant.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;
const DEFAULT_WINDOW_DAYS = 30;

export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page (`nextCursor`)' })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  cursor?: string;
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

/** On routes declared `crossTenant`: a superadmin without X-Organization-Id reads every tenant (audited). */
export class AllTenantsQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Superadmin, without X-Organization-Id: read across all tenants (audited)' })
  @IsOptional()
  @IsIn(['true', 'false'])
  allTenants?: 'true' | 'false';
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export function encodeCursor(position: unknown[]): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** Decodes a cursor into exactly `arity` scalar positions; anything else is the client's error. */
export function decodeCursor(cursor: string | undefined, arity: number): unknown[] | undefined {
  if (cursor === undefined) return undefined;
  try {
    const position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(position) && position.length === arity && position.every((item) => ['string', 'number'].includes(typeof item))) {
      return position;
    }
  } catch {
    // fall through to the 400 below
  }
  throw new BadRequestException('cursor is malformed');
}

export type CursorPart = 'time' | 'int' | 'text';
type CursorValue<K extends CursorPart> = K extends 'time' ? Date : K extends 'int' ? string : string;

/**
 * Decodes a keyset cursor whose positions have known kinds: `time` (an ISO instant, returned as a Date),
 * `int` (an integer, returned as a decimal string so bigints survive) or `text`. Anything else is a 400.
 */
export function decodeKeyset<const K extends readonly CursorPart[]>(cursor: string | undefined, kinds: K): { [I in keyof K]: CursorValue<K[I]> } | undefined {
  const position = decodeCursor(cursor, kinds.length);
  if (!position) return undefined;
  const values = position.map((value, index) => {
    const kind = kinds[index];
    if (kind === 'time' && typeof value === 'string' && !Number.isNaN(Date.parse(value))) return new Date(value);
    if (kind === 'int' && /^-?\d{1,19}$/.test(String(value))) return String(value);
    if (kind === 'text' && typeof value === 'string') return value;
    throw new BadRequestException('cursor is malformed');
  });
  return values as { [I in keyof K]: CursorValue<K[I]> };
}

/** Fetch `limit + 1` rows; this trims the extra one and turns it into `nextCursor`. */
export function toPage<R, T>(rows: R[], limit: number, map: (row: R) => T, position: (row: R) => unknown[]): Page<T> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  return {
    data: pageRows.map(map),
    nextCursor: hasMore ? encodeCursor(position(pageRows[pageRows.length - 1])) : null,
  };
}

/** `from` inclusive, `to` exclusive; default the last 30 days; an inverted window is a 400. */
export function resolveWindow(query: { from?: string; to?: string }): { from: Date; to: Date } {
  const instant = (name: 'from' | 'to', value: string) => {
    const parsed = parseInstant(value, { dateOnly: true });
    if (parsed === undefined) throw new BadRequestException(`${name} must be an ISO-8601 time with an offset or Z, or a date`);
    return new Date(parsed);
  };
  const to = query.to === undefined ? new Date() : instant('to', query.to);
  const from = query.from === undefined ? new Date(to.getTime() - DEFAULT_WINDOW_DAYS * 86_400_000) : instant('from', query.from);
  if (from >= to) throw new BadRequestException('from must be before to');
  return { from, to };
}
