import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '#libs/database/src/index.js';
import { resolveWindow } from '#libs/http/src/index.js';
import { sumFields, tenantFigures, TenantFigures } from '../analytics/tenant-figures.js';
import { AttributionRepository, AttributionRow, DaySplit } from './attribution.repository.js';
import { AttributionQueryDto, GroupBy } from './dto/attribution-query.dto.js';

const DAY_MS = 86_400_000;
const COUNTS = ['visits', 'uniqueUsers', 'signups', 'purchases', 'convertingUsers', 'firstTouchConversions'] as const;
type Counts = Record<(typeof COUNTS)[number], number>;

/** One row of the answer; the group's value is in a field named like `groupBy`. */
export type AttributionStats = Record<string, string | number> & {
  visits: number;
  uniqueUsers: number;
  signups: number;
  purchases: number;
  conversionRate: number;
  firstTouchConversions: number;
  lastTouchConversions: number;
};

@Injectable()
export class AttributionService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly repository: AttributionRepository,
  ) {}

  /** Per campaign source, medium or name: visits and visitors in the window, and its conversions by first and last touch. */
  async stats(query: AttributionQueryDto): Promise<TenantFigures<{ data: AttributionStats[] }>> {
    const groupBy = query.groupBy ?? 'source';
    const rows = await this.repository.stats(groupBy, splitAtMidnights(resolveWindow(query)));
    const byTenant = new Map<string, Map<string, Counts>>();
    for (const row of rows) {
      if (!byTenant.has(row.tenant_id)) byTenant.set(row.tenant_id, new Map());
      byTenant.get(row.tenant_id)!.set(row.key, countsOf(row));
    }
    return tenantFigures(
      [...byTenant].map(([tenantId, groups]) => ({ tenantId, figures: groups })),
      this.db.crossTenant,
      {
        empty: () => new Map<string, Counts>(),
        total: (all) => {
          const merged = new Map<string, Counts>();
          for (const groups of all) for (const [key, counts] of groups) merged.set(key, sumFields([merged.get(key) ?? zero(), counts], COUNTS));
          return merged;
        },
        present: (groups) => ({ data: toStats(groups, groupBy) }),
      },
    );
  }
}

/** Whole UTC days inside the window (none: both bounds at `to`, so the whole window is read from events). */
export function splitAtMidnights({ from, to }: { from: Date; to: Date }): DaySplit {
  const fullFrom = Math.ceil(from.getTime() / DAY_MS) * DAY_MS;
  const fullTo = Math.floor(to.getTime() / DAY_MS) * DAY_MS;
  if (fullFrom >= fullTo) return { from, to, fullFrom: to, fullTo: to };
  return { from, to, fullFrom: new Date(fullFrom), fullTo: new Date(fullTo) };
}

function countsOf(row: AttributionRow): Counts {
  return {
    visits: row.visits,
    uniqueUsers: row.unique_users,
    signups: row.signups,
    purchases: row.purchases,
    convertingUsers: row.converting_users,
    firstTouchConversions: row.first_touch,
  };
}

const zero = (): Counts => sumFields([], COUNTS);

/** Most visited first, then by value. */
function toStats(groups: Map<string, Counts>, groupBy: GroupBy): AttributionStats[] {
  return [...groups]
    .sort(([keyA, a], [keyB, b]) => b.visits - a.visits || (keyA < keyB ? -1 : keyA > keyB ? 1 : 0))
    .map(([key, counts]) => ({
      [groupBy]: key,
      visits: counts.visits,
      uniqueUsers: counts.uniqueUsers,
      signups: counts.signups,
      purchases: counts.purchases,
      conversionRate: counts.uniqueUsers === 0 ? 0 : Math.round((counts.convertingUsers / counts.uniqueUsers) * 10_000) / 10_000,
      firstTouchConversions: counts.firstTouchConversions,
      lastTouchConversions: counts.signups + counts.purchases,
    }));
}
