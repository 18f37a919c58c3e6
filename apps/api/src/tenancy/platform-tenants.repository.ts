import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DATABASE_POOL, TenantDatabase } from '#libs/database/src/index.js';
import { TENANT_COLUMNS, TenantRow } from './tenant.types.js';

/**
 * The platform's view of tenants, outside any one tenant: creation (run in the explicit cross-tenant
 * mode, audited on the platform chain by the service) and the per-user tenant list (a SECURITY DEFINER
 * look-up that answers only for the given user).
 */
@Injectable()
export class PlatformTenantsRepository {
  constructor(
    private readonly db: TenantDatabase,
    @Inject(DATABASE_POOL) private readonly pool: Pool,
  ) {}

  /** Must run inside `TenantDatabase.runCrossTenant`. Returns undefined when the id is taken, in any case. */
  async create(tenant: { id: string; name: string; allowedOrigins: string[] }, owner: { userId: string; email?: string }): Promise<TenantRow | undefined> {
    // No conflict target: the primary key and the unique index on lower(id) both count.
    const [row] = await this.db.query<TenantRow>(
      `INSERT INTO tenants (id, name, allowed_origins) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING ${TENANT_COLUMNS}`,
      [tenant.id, tenant.name, tenant.allowedOrigins],
    );
    if (!row) return undefined;
    await this.db.query(`INSERT INTO memberships (tenant_id, user_id, role, email) VALUES ($1, $2, 'owner', $3)`, [
      tenant.id,
      owner.userId,
      owner.email ?? null,
    ]);
    return row;
  }

  /** Must run inside `TenantDatabase.runCrossTenant`. */
  listAll(afterId: string | undefined, limit: number): Promise<Array<{ id: string; name: string }>> {
    return this.db.query(`SELECT id, name FROM tenants WHERE ($1::text IS NULL OR id > $1) ORDER BY id LIMIT $2`, [afterId ?? null, limit]);
  }

  /** The user's tenants by id, after `afterId`. */
  async listForUser(userId: string, afterId: string | undefined, limit: number): Promise<Array<{ id: string; name: string; role: string }>> {
    const { rows } = await this.pool.query<{ id: string; name: string; role: string }>(
      `SELECT id, name, role FROM app_private.user_tenants($1) WHERE $2::text IS NULL OR id > $2 ORDER BY id LIMIT $3`,
      [userId, afterId ?? null, limit],
    );
    return rows;
  }
}
