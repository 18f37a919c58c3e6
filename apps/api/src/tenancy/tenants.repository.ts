import { Injectable } from '@nestjs/common';
import { TenantScopedRepository } from '#libs/database/src/index.js';
import { TENANT_COLUMNS, TenantRow } from './tenant.types.js';

@Injectable()
export class TenantsRepository extends TenantScopedRepository {
  get(): Promise<TenantRow | undefined> {
    return this.scopedOne<TenantRow>(`SELECT ${TENANT_COLUMNS} FROM tenants WHERE id = $1`);
  }

  /**
   * Reads the tenant row and locks it until the transaction ends: settings merges and membership
   * changes of one tenant run one at a time (no lost update, no race past the last-owner rule).
   */
  lockAndGet(): Promise<TenantRow | undefined> {
    return this.scopedOne<TenantRow>(`SELECT ${TENANT_COLUMNS} FROM tenants WHERE id = $1 FOR UPDATE`);
  }

  update(changes: { name?: string; allowedOrigins?: string[]; settings?: Record<string, unknown> }): Promise<TenantRow | undefined> {
    return this.scopedOne<TenantRow>(
      `UPDATE tenants SET
         name = coalesce($2, name),
         allowed_origins = coalesce($3, allowed_origins),
         settings = coalesce($4::jsonb, settings),
         updated_at = now()
       WHERE id = $1
       RETURNING ${TENANT_COLUMNS}`,
      [changes.name ?? null, changes.allowedOrigins ?? null, changes.settings ? JSON.stringify(changes.settings) : null],
    );
  }
}
