import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '#libs/database/src/index.js';
import { CursorCodec, type CursorSpec, DEFAULT_PAGE_SIZE, type Page, resolveWindow } from '#libs/http/src/index.js';
import { AnalyticsPageQueryDto } from '../analytics/analytics-query.dto.js';
import { sumFields } from '../analytics/tenant-figures.js';
import { AccountSharingRepository, FlaggedUserRow } from './account-sharing.repository.js';

const SHARING_CURSOR: CursorSpec<['timestamp', 'text', 'text']> = {
  list: 'account-sharing',
  sort: 'lastIncidentAt',
  order: 'desc',
  positions: ['timestamp', 'text', 'text'],
};

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

export interface AccountSharingPage extends Page<FlaggedUser> {
  totals: SharingTotals;
  byTenant?: Array<{ tenantId: string } & SharingTotals>;
}

@Injectable()
export class AccountSharingService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly repository: AccountSharingRepository,
    private readonly cursors: CursorCodec,
  ) {}

  /**
   * Users with account_sharing incidents in the window, latest first, with the fingerprints involved and
   * the evidence (fingerprints within one window, or overlapping sessions and their distance). Totals count
   * the flagged users and the distinct fingerprints their incidents name.
   */
  async list(query: AnalyticsPageQueryDto): Promise<AccountSharingPage> {
    const window = resolveWindow(query);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = this.cursors.decode(SHARING_CURSOR, query.cursor);
    const [totals, rows] = [await this.repository.totals(window), await this.repository.flagged(window, after, limit + 1, MAX_EVIDENCE)];
    const crossTenant = this.db.crossTenant;
    const page = this.cursors.page(
      SHARING_CURSOR,
      rows,
      limit,
      (row) => toFlaggedUser(row, crossTenant),
      (row) => [row.last_at_position, row.tenant_id, row.user_id],
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
