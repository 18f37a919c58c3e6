/** Figures of one tenant, or (superadmin, `?allTenants=true`) the total over all tenants plus each tenant's (SPEC 3.2). */
export type TenantFigures<Out, Each = Out> = Out | { total: Out; byTenant: Array<{ tenantId: string } & Each> };

/**
 * Shapes per-tenant figures `T` for the answer: in a tenant's scope the tenant's figures (`empty` when it
 * has none), across tenants `{total, byTenant}` with tenants in id order. `present` renders figures,
 * `each` renders one tenant's entry of `byTenant` (default: like `present`).
 */
export function tenantFigures<T, Out, Each = Out>(
  perTenant: Array<{ tenantId: string; figures: T }>,
  crossTenant: boolean,
  options: { empty: () => T; total: (all: T[]) => T; present: (figures: T) => Out; each?: (figures: T) => Each },
): TenantFigures<Out, Each> {
  if (!crossTenant) return options.present(perTenant[0]?.figures ?? options.empty());
  const sorted = [...perTenant].sort((a, b) => (a.tenantId < b.tenantId ? -1 : a.tenantId > b.tenantId ? 1 : 0));
  const each = options.each ?? ((figures: T) => options.present(figures) as unknown as Each);
  return {
    total: options.present(options.total(sorted.map((tenant) => tenant.figures))),
    byTenant: sorted.map((tenant) => ({ tenantId: tenant.tenantId, ...each(tenant.figures) })),
  };
}

/** Sums numeric fields of several records with the same keys. */
export function sumFields<K extends string>(records: Array<Record<K, number>>, keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, records.reduce((sum, record) => sum + record[key], 0)])) as Record<K, number>;
}

export const iso = (value: Date | string) => new Date(value).toISOString();
