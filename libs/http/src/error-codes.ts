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
  body_timeout: 'The body did not arrive within 10 seconds of the request being let in; send bodies without pausing',
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
  unknown_issuer: "The token's issuer is neither the platform's identity provider nor one a tenant registered",
  issuer_not_valid_for_tenant: "A token from a tenant's identity provider addressed another tenant",
  org_claim_mismatch: "The token's organization claim does not name the addressed tenant",
  issuer_taken: 'The issuer is already bound to another tenant, or is the platform issuer',
  jwks_unreachable: 'The JWKS URL did not answer with a JWKS holding at least one usable signing key',
  url_not_allowed: 'The URL breaks the outbound rules (https only in production; no loopback, private, link-local or other internal address)',
  webhook_disabled: 'The webhook endpoint is disabled; enable it (PATCH) first',
  idp_unavailable: "The tenant's identity provider could not be reached for its keys; retry later",
  internal_error: 'An unexpected error; the request id identifies it in the logs',
  invalid_idempotency_key: 'The Idempotency-Key header is empty or longer than 255 characters',
  idempotency_key_reused: 'The Idempotency-Key was used before with another body or on another route',
  idempotency_key_in_use: 'A request with this Idempotency-Key is still running; retry once it has answered',
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

/** One problem with one field of the request: `path` is dotted (`events.3.geo.lat`), `message` a sentence naming it. */
export interface FieldError {
  path: string;
  message: string;
}

/**
 * The most problems one answer lists. A batch of 1000 events with one problem each still fits; past it
 * the answer only grows, and the summary in `message` still gives the total.
 */
export const MAX_FIELD_ERRORS = 1000;

/** An HTTP error that names its `code` from the catalogue, and with `errors` the fields at fault. */
export class ApiException extends HttpException {
  constructor(
    status: number,
    readonly code: ErrorCode,
    message: string,
    readonly errors?: FieldError[],
  ) {
    super({ message }, status);
  }
}

/** The one sentence that sums up a list of problems: the first, and how many more there are. */
export function summarizeFieldErrors(errors: FieldError[], total = errors.length): string {
  if (total === 0) return 'The request is invalid';
  const more = total - 1;
  return more === 0 ? errors[0].message : `${errors[0].message} (and ${more} more problem${more === 1 ? '' : 's'})`;
}

/**
 * A 400 `validation_failed` that names every problem in `errors` (at most MAX_FIELD_ERRORS of them; `total`
 * counts those left out too).
 */
export function validationFailed(errors: FieldError[], total = errors.length): ApiException {
  const listed = errors.slice(0, MAX_FIELD_ERRORS);
  return new ApiException(400, 'validation_failed', summarizeFieldErrors(listed, Math.max(total, errors.length)), listed);
}

/** A 400 `validation_failed` for one field. */
export function invalidField(path: string, message: string): ApiException {
  return validationFailed([{ path, message }]);
}

/** The catalogue as a Markdown table, as README lists it (a test keeps the two equal). */
export function errorCatalogueMarkdown(): string {
  const rows = Object.entries(ERROR_CODES).map(([code, meaning]) => `| \`${code}\` | ${meaning.replace(/\|/g, '\\|')} |`);
  return ['| code | meaning |', '|---|---|', ...rows].join('\n');
}
