import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '#libs/database/src/index.js';
import { resolveWindow } from '#libs/http/src/index.js';
import { iso, sumFields, tenantFigures, TenantFigures } from '../analytics/tenant-figures.js';
import { RISK_LEVELS, riskLevel, RiskLevel, riskScore, Signal, SIGNALS } from '../signals/risk.js';
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
        riskLevels: sumFields(
          all.map((figures) => figures.riskLevels),
          RISK_LEVELS,
        ),
        signals: sumFields(
          all.map((figures) => figures.signals),
          SIGNALS,
        ),
        topRiskyUsers: mergeRanked(
          all.map((figures) => figures.topRiskyUsers),
          limit,
        ),
        impossibleTravel: mergeRanked(
          all.map((figures) => figures.impossibleTravel),
          limit,
        ),
      }),
      present: unranked,
      each: ({ riskLevels, signals }) => ({ riskLevels, signals }),
    });
  }

  private ranked(row: FraudStatsRow | undefined, withTenant: boolean) {
    const tenant = withTenant && row ? { tenantId: row.tenant_id } : {};
    const riskLevels = Object.fromEntries(RISK_LEVELS.map((level) => [level, 0])) as Record<RiskLevel, number>;
    const signals = Object.fromEntries(SIGNALS.map((signal) => [signal, 0])) as Record<Signal, number>;
    let flagged = 0;
    for (const [mask, users] of Object.entries(row?.masks ?? {})) {
      const userSignals = signalsOf(Number(mask));
      riskLevels[riskLevel(riskScore(userSignals))] += users;
      for (const signal of userSignals) signals[signal] += users;
      flagged += users;
    }
    // Users without any incident in the window are low risk.
    riskLevels.low += (row?.users ?? 0) - flagged;
    return {
      riskLevels,
      signals,
      topRiskyUsers: (row?.top ?? []).map((user): Ranked<RiskyUser> => {
        const userSignals = signalsOf(user.mask);
        const score = riskScore(userSignals);
        return {
          item: { ...tenant, userId: user.userId, riskScore: score, riskLevel: riskLevel(score), signals: userSignals },
          rank: [score, Date.parse(user.lastAt)],
        };
      }),
      impossibleTravel: (row?.travel ?? []).map((incident): Ranked<ImpossibleTravel> => ({
        item: {
          ...tenant,
          userId: incident.userId,
          from: place(incident.evidence.from),
          to: place(incident.evidence.to),
          km: incident.evidence.km,
          kmh: incident.evidence.kmh,
        },
        rank: [Date.parse(incident.at), 0],
      })),
    };
  }
}

/** Bit i of a signal mask stands for SIGNALS[i] (as the repository folds them). */
function signalsOf(mask: number): Signal[] {
  return SIGNALS.filter((_, bit) => (mask & (1 << bit)) !== 0);
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
