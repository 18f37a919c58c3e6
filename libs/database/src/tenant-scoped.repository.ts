import { Injectable, InternalServerErrorException } from '@nestjs/common';
import type { QueryResultRow } from 'pg';
import { TenantDatabase } from './tenant-database.js';

/**
 * Base of every repository over tenant tables. The tenant is never an argument: it comes from the
 * request context and is always bound as `$1`, so a subclass cannot write a query for "some" tenant.
 * Row-level security on the same setting is the second wall behind this one.
 */
@Injectable()
export abstract class TenantScopedRepository {
  constructor(protected readonly db: TenantDatabase) {}

  protected get tenantId(): string {
    const tenantId = this.db.tenantId;
    if (!tenantId) throw new InternalServerErrorException('Tenant-scoped repository used without a tenant');
    return tenantId;
  }

  /** `sql` must filter (or insert) by `tenant_id = $1`; the caller's parameters start at `$2`. */
  protected async scoped<T extends QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
    if (!/\$1(?!\d)/.test(sql)) throw new InternalServerErrorException('Tenant-scoped query does not use the tenant ($1)');
    return this.db.query<T>(sql, [this.tenantId, ...params]);
  }

  protected async scopedOne<T extends QueryResultRow>(sql: string, params: unknown[] = []): Promise<T | undefined> {
    const rows = await this.scoped<T>(sql, params);
    return rows[0];
  }

  protected transaction<T>(work: () => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }
}
