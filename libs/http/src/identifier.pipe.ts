import { Injectable, PipeTransform } from '@nestjs/common';
import { invalidField } from './error-codes.js';

/**
 * A path identifier from event data (user id, fingerprint, domainprint): 1 to 256 characters of text
 * (text PostgreSQL cannot store is refused for every path before routing, by `rejectUnsafeText`).
 */
@Injectable()
export class ParseIdentifierPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: { data?: string }): string {
    const name = metadata.data ?? 'id';
    if (typeof value !== 'string' || value.length === 0 || value.length > 256) throw invalidField(name, `${name} must be 1 to 256 characters`);
    return value;
  }
}
