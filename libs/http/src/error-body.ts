import { STATUS_CODES } from 'node:http';
import { defaultErrorCode, type ErrorCode, type FieldError } from './error-codes.js';

/** Every error answer (but the two with shapes of their own: /health's 503 and /internal/validate's 401). */
export interface ErrorBody {
  statusCode: number;
  error: string;
  code: ErrorCode;
  /** Always one readable sentence; with `errors`, it sums them up. */
  message: string;
  requestId?: string;
  /** Every field at fault, by its dotted path (validation answers). */
  errors?: FieldError[];
}

export function errorBody(statusCode: number, message: string, code: ErrorCode = defaultErrorCode(statusCode), errors?: FieldError[]): ErrorBody {
  const body: ErrorBody = { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', code, message };
  if (errors) body.errors = errors;
  return body;
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', '57P01', '57P02', '57P03']);

/** True when the error means "the database cannot be reached right now", which a retry may fix. */
export function isDatabaseUnavailable(error: unknown): boolean {
  // Duck-typed: errors raised by Node's net layer may come from another realm than this module's Error.
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || code.startsWith('08'))) return true;
  return (
    typeof message === 'string' &&
    /timeout exceeded when trying to connect|Connection terminated|Query read timeout|connect ECONNREFUSED|Client has encountered a connection error/i.test(
      message,
    )
  );
}
