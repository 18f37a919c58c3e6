import { Reflector } from '@nestjs/core';

/** What a mutating route does, in audit terms; read for both its success row and any denial row. */
export interface AuditActionSpec {
  operation: string;
  entityType: string;
  /** Route parameter that names the entity, e.g. `userId`. */
  entityIdParam?: string;
}

export const AuditAction = Reflector.createDecorator<AuditActionSpec>();
