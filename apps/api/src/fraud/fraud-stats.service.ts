import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '#libs/database/src/index.js';
import { resolveWindow } from '#libs/http/src/index.js';
import { iso, sumFields, tenantFigures, TenantFigures } from '../analytics/tenant-figures.js';
import { RISK_LEVELS, riskLevel, RiskLevel, Signal, SIGNALS } from '../signals/risk.js';
import { DEFAULT_TOP, FraudStatsQueryDto } from './dto/fraud-stats-query.dto.js';
import { FraudStatsRepository, FraudStatsRow, TravelPlace } from './fraud-stats.repository.js';

export interface RiskyUser {
  tenantId?: string;
  userId: string;
  riskScore: number;
  riskLevel: RiskLevel;
  signals: Signal[];
}

export interface Place {
  lat: number;
  lon: number;
  city: string | null;
  country: string | null;
  at: string;
}

export interface ImpossibleTravel {
  tenantId?: string;
  userId: string;
  from: Place;
  to: Place;
  km: number;
  /** null when both events have the same timestamp. */
  kmh: number | null;
}

export interface FraudCounts {
  riskLevels: Record<RiskLevel, number>;
  signals: Record<Signal, number>;
}

export interface FraudStats extends FraudCounts {
  topRiskyUsers: RiskyUser[];
  impossibleTravel: ImpossibleTravel[];
}

/** Ordering keys kept next to each list entry until the lists of several tenants are merged. */
interface Ranked<T> {
  item: T;
  rank: [number, number];
}

@Injectable()
export class FraudStatsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly repository: FraudStatsRepository,
  ) {}

  /**
   * Users by risk level (the users known by the end of the window; a user's level comes from its
   * incidents in the window), users per signal, the riskiest users and the impossible-travel incidents.
   */
  async stats(query: FraudStatsQueryDto): Promise<TenantFigures<FraudStats, FraudCounts>> {
    const limit = query.limit ?? DEFAULT_TOP;
    const rows = await this.repository.stats(resolveWindow(query), limit);
    const crossTenant = this.db.crossTenant;
    const perTenant = rows.map((row) => ({ tenantId: row.tenant_id, figures: this.ranked(row, crossTenant) }));
    return tenantFigures(perTenant, crossTenant, {
      empty: () => this.ranked(undefined, false),
      total: (all) => ({
        riskLevels: sumFields(all.map((figures) => figures.riskLevels), RISK_LEVELS),
        signals: sumFields(all.map((figures) => figures.signals), SIGNALS),
        topRiskyUsers: mergeRanked(all.map((figures) => figures.topRiskyUsers), limit),
        impossibleTravel: mergeRanked(all.map((figures) => figures.impossibleTravel), limit),
      }),
      present: unranked,
      each: ({ riskLevels, signals }) => ({ riskLevels, signals }),
    });
  }

  private ranked(row: FraudStatsRow | undefined, withTenant: boolean) {
    const tenant = withTenant && row ? { tenantId: row.tenant_id } : {};
    const levels = Object.fromEntries(RISK_LEVELS.map((level) => [level, row?.levels[level] ?? 0])) as Record<RiskLevel, number>;
    // Users without any incident are low risk: the population minus those counted at a higher level.
    levels.low = (row?.users ?? 0) - levels.medium - levels.high - levels.critical;
    return {
      riskLevels: levels,
      signals: Object.fromEntries(SIGNALS.map((signal) => [signal, row?.signals[signal] ?? 0])) as Record<Signal, number>,
      topRiskyUsers: (row?.top ?? []).map(
        (user): Ranked<RiskyUser> => ({
          item: {
            ...tenant,
            userId: user.userId,
            riskScore: user.score,
            riskLevel: riskLevel(user.score),
            signals: SIGNALS.filter((signal) => user.signals.includes(signal)),
          },
          rank: [user.score, Date.parse(user.lastAt)],
        }),
      ),
      impossibleTravel: (row?.travel ?? []).map(
        (incident): Ranked<ImpossibleTravel> => ({
          item: { ...tenant, userId: incident.userId, from: place(incident.evidence.from), to: place(incident.evidence.to), km: incident.evidence.km, kmh: incident.evidence.kmh },
          rank: [Date.parse(incident.at), 0],
        }),
      ),
    };
  }
}

function place({ lat, lon, city, country, at }: TravelPlace): Place {
  return { lat, lon, city, country, at: iso(at) };
}

/** Each tenant's list is already in order; the merge keeps that order across tenants (ties: tenant id order). */
function mergeRanked<T>(lists: Array<Array<Ranked<T>>>, limit: number): Array<Ranked<T>> {
  return lists
    .flat()
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => b.entry.rank[0] - a.entry.rank[0] || b.entry.rank[1] - a.entry.rank[1] || a.index - b.index)
    .slice(0, limit)
    .map(({ entry }) => entry);
}

function unranked(figures: FraudCounts & { topRiskyUsers: Array<Ranked<RiskyUser>>; impossibleTravel: Array<Ranked<ImpossibleTravel>> }): FraudStats {
  return {
    riskLevels: figures.riskLevels,
    signals: figures.signals,
    topRiskyUsers: figures.topRiskyUsers.map((entry) => entry.item),
    impossibleTravel: figures.impossibleTravel.map((entry) => entry.item),
  };
}
