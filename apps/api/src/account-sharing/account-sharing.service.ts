import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '#libs/database/src/index.js';
import { decodeKeyset, DEFAULT_PAGE_SIZE, resolveWindow, toPage } from '#libs/http/src/index.js';
import { AnalyticsPageQueryDto } from '../analytics/analytics-query.dto.js';
import { sumFields } from '../analytics/tenant-figures.js';
import { AccountSharingRepository, FlaggedUserRow } from './account-sharing.repository.js';

/** Evidence entries listed per user (its latest incidents); `incidentCount` gives the full number. */
export const MAX_EVIDENCE = 20;

export interface SharingTotals {
  users: number;
  fingerprints: number;
}

export interface FlaggedUser {
  tenantId?: string;
  userId: string;
  fingerprints: string[];
  incidentCount: number;
  lastIncidentAt: string;
  evidence: Array<Record<string, unknown>>;
}

export interface AccountSharingPage {
  totals: SharingTotals;
  byTenant?: Array<{ tenantId: string } & SharingTotals>;
  data: FlaggedUser[];
  nextCursor: string | null;
}

@Injectable()
export class AccountSharingService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly repository: AccountSharingRepository,
  ) {}

  /**
   * Users with account_sharing incidents in the window, latest first, with the fingerprints involved and
   * the evidence (fingerprints within one window, or overlapping sessions and their distance). Totals count
   * the flagged users and the distinct fingerprints their incidents name.
   */
  async list(query: AnalyticsPageQueryDto): Promise<AccountSharingPage> {
    const window = resolveWindow(query);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeKeyset(query.cursor, ['time', 'text', 'text'] as const);
    const [totals, rows] = [await this.repository.totals(window), await this.repository.flagged(window, after, limit + 1, MAX_EVIDENCE)];
    const crossTenant = this.db.crossTenant;
    const page = toPage(
      rows,
      limit,
      (row) => toFlaggedUser(row, crossTenant),
      (row) => [row.last_at.toISOString(), row.tenant_id, row.user_id],
    );
    const byTenant = totals.map((row) => ({ tenantId: row.tenant_id, users: row.users, fingerprints: row.fingerprints }));
    return {
      totals: sumFields(byTenant, ['users', 'fingerprints'] as const),
      ...(crossTenant ? { byTenant } : {}),
      ...page,
    };
  }
}

function toFlaggedUser(row: FlaggedUserRow, withTenant: boolean): FlaggedUser {
  return {
    ...(withTenant ? { tenantId: row.tenant_id } : {}),
    userId: row.user_id,
    fingerprints: row.fingerprints,
    incidentCount: row.incident_count,
    lastIncidentAt: row.last_at.toISOString(),
    evidence: row.evidence,
  };
}
