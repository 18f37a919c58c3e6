import { HttpException } from '@nestjs/common';

/**
 * The stable, machine-readable `code` of every error answer. Clients branch on these, so a code is
 * never renamed; new situations get new codes.
 */
export const ERROR_CODES = {
  validation_failed: 'The request (body, query or path) has one or more invalid fields; `errors` lists them',
  invalid_json: 'The body is not valid JSON, or nests deeper than 32 levels',
  invalid_cursor: 'The cursor was not issued by this list for this tenant, sort and order',
  payload_too_large: 'The body exceeds the 1 MiB limit',
  unsupported_charset: 'The body is not in UTF-8, the only charset JSON bodies may use',
  unauthenticated: 'No usable credential was presented',
  token_expired: 'The token has expired',
  invalid_signature: "The token's signature does not verify against the issuer's keys",
  invalid_token: 'The token is malformed, lacks a required claim, or failed verification',
  invalid_checkpoint: 'The audit checkpoint is malformed, not signed by this service, or of another chain',
  tenant_header_required: 'This route needs X-Organization-Id',
  tenant_header_conflict: 'X-Organization-Id and X-Tenant-Id name different tenants',
  membership_required: 'The caller is not a member of the addressed tenant',
  role_required: "The caller's role is below the route's minimum",
  scope_required: 'The token lacks a scope the route requires',
  origin_not_allowed: "The request's Origin is not in the tenant's allowedOrigins",
  forbidden: 'The caller may not do this',
  not_found: 'No such resource in this tenant',
  conflict: 'The request conflicts with the current state',
  last_owner: 'The change would leave the tenant without an owner',
  tenant_exists: 'A tenant with this id exists; ids are compared ignoring case',
  not_acceptable: 'The Accept header names no media type this route can answer with',
  rate_limited: 'Too many requests; retry after Retry-After seconds',
  export_in_progress: 'An export of this tenant is already running (one at a time per tenant); retry after Retry-After seconds',
  backlog_full: "The tenant's unprocessed event backlog is full; retry after Retry-After seconds",
  tenant_busy: "Too many of the tenant's requests are waiting for the database; retry after Retry-After seconds",
  database_unavailable: 'The database cannot be reached; retry after Retry-After seconds',
  service_unavailable: 'A dependency is not configured or not reachable; retry later',
  internal_error: 'An unexpected error; the request id identifies it in the logs',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The code an error without an explicit one gets, by status. */
export function defaultErrorCode(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'validation_failed';
    case 401:
      return 'unauthenticated';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 406:
      return 'not_acceptable';
    case 409:
      return 'conflict';
    case 413:
      return 'payload_too_large';
    case 429:
      return 'rate_limited';
    case 503:
      return 'service_unavailable';
    default:
      return status >= 500 ? 'internal_error' : 'validation_failed';
  }
}

/** An HTTP error that names its `code` from the catalogue. */
export class ApiException extends HttpException {
  constructor(
    status: number,
    readonly code: ErrorCode,
    message: string | string[],
  ) {
    super({ message }, status);
  }
}
