import { applyDecorators, type Type } from '@nestjs/common';
import { ApiBody, ApiExtraModels, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiResponse, ApiSchema, getSchemaPath } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import type { Page } from './cursor-codec.js';
import { ERROR_CODES, type ErrorCode } from './error-codes.js';

/*
 * The OpenAPI vocabulary every controller shares: the error body, the page of a list, request examples
 * and time fields. Client generators turn these into types, so each is declared once.
 */

const CODES = Object.keys(ERROR_CODES) as ErrorCode[];

/** The catalogue as the document lists it: one line per code. */
export const ERROR_CATALOGUE_MARKDOWN = CODES.map((code) => `- \`${code}\`: ${ERROR_CODES[code]}`).join('\n');

export class FieldErrorDto {
  @ApiProperty({ description: 'Dotted path of the bad field, e.g. `events.3.geo.lat`', example: 'events.3.geo.lat' })
  path: string;

  @ApiProperty({ example: 'lat must not be greater than 90' })
  message: string;
}

@ApiSchema({ name: 'ErrorBody', description: 'Every error answer (except the own shapes of /health and /internal/validate)' })
export class ErrorBodyDto {
  @ApiProperty({ type: 'integer', example: 400 })
  statusCode: number;

  @ApiProperty({ description: 'The status text', example: 'Bad Request' })
  error: string;

  @ApiProperty({ enum: CODES, enumName: 'ErrorCode', description: `Stable machine-readable code:\n${ERROR_CATALOGUE_MARKDOWN}`, example: 'validation_failed' })
  code: ErrorCode;

  @ApiProperty({ description: 'One readable sentence', example: 'limit must be an integer from 1 to 500' })
  message: string;

  @ApiProperty({ description: 'Also sent as the X-Request-Id header; quote it when reporting a problem' })
  requestId: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'Every field problem of a validation answer' })
  errors?: FieldErrorDto[];
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`...',
  401: 'No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token`',
  403: 'Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden`',
  404: '`not_found`',
  408: '`body_timeout`: the body did not arrive within 10 seconds',
  409: '`conflict`',
  413: '`payload_too_large`: the body exceeds 1 MiB',
  415: '`unsupported_charset`: the body is not UTF-8',
  429: '`rate_limited`: retry after Retry-After seconds',
  503: '`database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds',
};

/** An error status of a route; the description says when it happens there, the codes come from the catalogue. */
export type ErrorStatus = number | { status: number; description: string };

/**
 * The error statuses a route can answer, each with the shared error body: `@ApiErrors(400, 404)`, or with
 * the route's own reason `@ApiErrors({ status: 409, description: 'Cannot remove the last owner' })`.
 */
export function ApiErrors(...statuses: ErrorStatus[]) {
  return applyDecorators(
    ...statuses.map((entry) => {
      const { status, description } = typeof entry === 'number' ? { status: entry, description: undefined } : entry;
      return ApiResponse({ status, type: ErrorBodyDto, description: description ?? ERROR_DESCRIPTIONS[status] ?? STATUS_CODES[status] ?? 'Error' });
    }),
  );
}

const pages = new Map<string, Type<unknown>>();

/**
 * The page of a list, `{data, nextCursor, hasMore}`, as a named schema per item type (`UserDto` gives
 * `UserPageDto`). Created once per item type, so every route listing it shares the schema.
 */
export function PageOf<T>(item: Type<T>, name = `${item.name.replace(/Dto$/, '')}PageDto`): Type<Page<T>> {
  const known = pages.get(name);
  if (known) return known as Type<Page<T>>;
  class PageDto implements Page<T> {
    @ApiProperty({ type: [item] })
    data: T[];

    @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' })
    nextCursor: string | null;

    @ApiProperty({ description: 'Whether another page follows (nextCursor is not null)' })
    hasMore: boolean;
  }
  Object.defineProperty(PageDto, 'name', { value: name });
  pages.set(name, PageDto);
  return PageDto;
}
/**
 * A JSON request body with the example Swagger UI pre-fills (examples must succeed when sent as they are), and
 * the errors of any body: too large or not UTF-8.
 */
export function ApiJsonBody(type: Type<unknown>, example: Record<string, unknown>) {
  return applyDecorators(ApiBody({ type, examples: { example: { summary: 'A request that succeeds as it is', value: example } } }), ApiErrors(413, 415));
}

/** An ISO-8601 UTC time. */
export const dateTime = (description?: string) => ({ type: String, format: 'date-time', description });

/** An ISO-8601 UTC time or null. */
export const nullableDateTime = (description?: string) => ({ type: String, format: 'date-time', nullable: true, description });

/** A non-negative count. */
export const count = (description?: string) => ({ type: 'integer', minimum: 0, description }) as const;

/** Present only on cross-tenant reads (superadmin, `allTenants=true`). */
export const TENANT_ID_ON_CROSS_TENANT_READS = { description: 'The tenant, on reads across tenants (superadmin, `allTenants=true`) only' };

/** A 200 whose body has one of several shapes (e.g. one tenant's figures, or the figures across tenants). */
export function ApiOkResponseOneOf(description: string, ...types: Array<Type<unknown>>) {
  return applyDecorators(ApiExtraModels(...types), ApiOkResponse({ description, schema: { oneOf: types.map((type) => ({ $ref: getSchemaPath(type) })) } }));
}
