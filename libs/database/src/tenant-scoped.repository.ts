import { Injectable, InternalServerErrorException } from '@nestjs/common';
import type { QueryResultRow } from 'pg';
import { type SnapshotOptions, TenantDatabase } from './tenant-database.js';

/**
 * Exports fetch 1,000 rows per round trip (with the one fetched ahead, what one export holds in memory) under the
 * tenant's `export` lock. 200 rows per FETCH measured no faster.
 */
export const EXPORT_SNAPSHOT: SnapshotOptions = { batchSize: 1000, exclusive: 'export' };

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
    return this.db.query<T>(sql, this.withTenant(sql, params));
  }

  /** Like `scoped`, as a named prepared statement (planned once per connection); `name` must be unique to `sql`. */
  protected async scopedPrepared<T extends QueryResultRow>(name: string, sql: string, params: unknown[] = []): Promise<T[]> {
    return this.db.query<T>(sql, this.withTenant(sql, params), name);
  }

  /**
   * An export's rows: those of `sql` (which must filter by `tenant_id = $1`) in batches from one consistent
   * snapshot (see TenantDatabase.snapshot), holding the tenant's export lock, so one export per tenant runs at a
   * time across every instance (SnapshotLockTaken otherwise).
   */
  protected scopedExport<T extends QueryResultRow>(sql: string, params: unknown[]): AsyncGenerator<T[], void, undefined> {
    return this.db.snapshot<T>(sql, this.withTenant(sql, params), EXPORT_SNAPSHOT);
  }

  /** Like `scopedExport`, for a query of one text column: each batch is its rows' text in one Buffer (see TenantDatabase.snapshotText). */
  protected scopedExportText(sql: string, params: unknown[]): AsyncGenerator<Buffer, void, undefined> {
    return this.db.snapshotText(sql, this.withTenant(sql, params), EXPORT_SNAPSHOT);
  }

  protected async scopedOne<T extends QueryResultRow>(sql: string, params: unknown[] = []): Promise<T | undefined> {
    const rows = await this.scoped<T>(sql, params);
    return rows[0];
  }

  /**
   * A read over the request's scope. `build(tenant)` writes the query for one tenant with `tenant` as its
   * tenant expression: `$1` when a tenant is bound. In the audited cross-tenant mode the same query runs
   * once per tenant (`t.id`, LATERAL over tenants; select `tenant_id` so rows say whose they are) and
   * `merge` orders and limits the union; `$1` is then NULL and unused.
   */
  protected async scopedRead<T extends QueryResultRow>(build: (tenant: string) => string, merge: string, params: unknown[] = []): Promise<T[]> {
    if (!this.db.crossTenant) return this.scoped<T>(build('$1'), params);
    return this.db.query<T>(`SELECT x.* FROM tenants t CROSS JOIN LATERAL (${build('t.id')}) x WHERE $1::text IS NULL ${merge}`, [null, ...params]);
  }

  /** True in the audited cross-tenant mode (superadmin `?allTenants=true`). */
  protected get crossTenant(): boolean {
    return this.db.crossTenant;
  }

  /** The parameters of `sql`, which must use the tenant as `$1`: the request's tenant, then `params`. */
  private withTenant(sql: string, params: unknown[]): unknown[] {
    if (!/\$1(?!\d)/.test(sql)) throw new InternalServerErrorException('Tenant-scoped query does not use the tenant ($1)');
    return [this.tenantId, ...params];
  }
}
