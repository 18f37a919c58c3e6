import { STATUS_CODES } from 'node:http';
import { defaultErrorCode, type ErrorCode } from './error-codes.js';

export interface ErrorBody {
  statusCode: number;
  error: string;
  code: ErrorCode;
  message: string | string[];
  requestId?: string;
}

export function errorBody(statusCode: number, message: string | string[], code: ErrorCode = defaultErrorCode(statusCode)): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', code, message };
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
