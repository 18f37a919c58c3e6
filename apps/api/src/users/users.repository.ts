import { Injectable } from '@nestjs/common';
import { afterCursor, cursorTimestamp, direction, type ExportFilter, type SortOrder, TenantScopedRepository } from '#libs/database/src/index.js';
import { riskScoreInWindowSql, riskScoreSql, type Signal, signalsInWindowSql, storedScoreHolds, storedScoresApply } from '../signals/risk.js';
import { signalsOf, USER_COLUMNS, UserDetailRow, UserRow, UserStatus } from './user.types.js';

export type UserSort = 'lastSeen' | 'riskScore' | 'eventCount';

export interface UserListQuery {
  sort: UserSort;
  /** Signals count when an incident occurred at or after this time. */
  since: Date;
  /** LIKE pattern for the user id prefix. */
  pattern: string | null;
  /** Risk score range [min, max) of the requested level. */
  scoreRange?: [number, number];
  status?: UserStatus;
  /** Users carrying this label. */
  label?: string;
  /** Users with this signal in the window (the same signals their risk counts). */
  signal?: Signal;
  /** Users seen on this domain. */
  domain?: string;
  /** Last seen at or after / before. */
  from?: Date;
  to?: Date;
  order: SortOrder;
  /** Position after which the page starts: sort value (as `sort_position` gave it), tenant (across tenants), user id. */
  after?: { key: string | number; tenantId: string; userId: string };
  /** Null in an export: every row. */
  limit: number | null;
}

/** A listed user with the value it is sorted by, exactly as a cursor carries it. */
export type ListedUserRow = UserRow & { sort_position: string | number };

/** Each sort's column, its type as a cursor parameter, and its value as the cursor carries it. */
const SORT_KEYS: Record<UserSort, { column: string; type: string; position: string }> = {
  lastSeen: { column: 'u.last_seen', type: 'timestamptz', position: cursorTimestamp('u.last_seen') },
  eventCount: { column: 'u.event_count', type: 'bigint', position: 'u.event_count::text' },
  riskScore: { column: 'r.score', type: 'int', position: 'r.score' },
};

/**
 * $2 since, $3 pattern, $4 limit, $5 and $6 the cursor's sort value and user id, $7 and $8 the score range, $9 status,
 * $10 label, $11 signal, $12 domain, $13 and $14 the last-seen window; across tenants, $15 the cursor's tenant.
 */
const PARAMS = { since: '$2', scoreMin: '$7::int', scoreMax: '$8::int', signal: '$11::text' };

/** The filters on the user row itself (`u`): status, label, domain and the last-seen window. Labels and domains match whole values (GIN). */
const ROW_FILTERS = `($9::text IS NULL OR u.status = $9) AND ($10::text IS NULL OR u.labels @> ARRAY[$10::text])
        AND ($12::text IS NULL OR u.domains @> ARRAY[$12::text])
        AND ($13::timestamptz IS NULL OR u.last_seen >= $13) AND ($14::timestamptz IS NULL OR u.last_seen < $14)`;

/** In place of ROW_FILTERS when none is given: types their parameters (PostgreSQL refuses untyped ones) and folds to TRUE. */
const UNUSED_ROW_FILTERS = `(TRUE OR ($9::text, $10::text, $12::text, $13::timestamptz, $14::timestamptz) IS NULL)`;

const rowFiltered = (query: UserListQuery) =>
  query.status !== undefined || query.label !== undefined || query.domain !== undefined || query.from !== undefined || query.to !== undefined;

/** The signal filter over an expression holding the user's signals (the same the risk score is computed from). */
const hasSignal = (signals: string) => `(${PARAMS.signal} IS NULL OR ${PARAMS.signal} = ANY(${signals}))`;

/**
 * The flagged users with their score over the default window (`$2`), in three sources: the scores the
 * signals projection stored, by index (`user_risk_score_idx`), where they still hold; rows whose
 * stored score counts a signal that has since left the window (`user_risk_score_expiry_idx`, few: the
 * projection rescores them as chunks arrive) scored from their spans. `computed` scores every flagged
 * user, as when the caller's clock disagrees with the database's (see storedScoresApply). Each source
 * is taken only under its condition (`when`), checked before its page is read.
 */
function storedScores(tenant: string, computed: string): Array<{ scored: string; when: string }> {
  const since = '$2::timestamptz';
  const applies = storedScoresApply(since);
  const holds = storedScoreHolds('g', since);
  return [
    { scored: `SELECT g.*, g.risk_score AS score FROM user_risk g WHERE g.tenant_id = ${tenant} AND g.risk_score > 0 AND ${holds}`, when: applies },
    { scored: `${computed} AND NOT ${holds}`, when: applies },
    { scored: computed, when: `NOT ${applies}` },
  ];
}

@Injectable()
export class UsersRepository extends TenantScopedRepository {
  /**
   * One page of users. Most pages walk `end_users` in the sort's order (the default, last seen, by index)
   * and attach each user's signals with four index probes. Pages that depend on risk (sorted by risk
   * score, filtered to a signal or to medium and above) start from the users with incidents in the window, a
   * small set, and for a risk-score sort continue with everyone else (score 0) by user id.
   */
  list(query: UserListQuery): Promise<ListedUserRow[]> {
    const { build, merge, params } = this.listQuery(query);
    return this.scopedRead<ListedUserRow>(build, merge, params);
  }

  /** Every user the list's filters select, in the list's order, in batches from one snapshot. */
  exportRows(query: ExportFilter<UserListQuery>): AsyncGenerator<ListedUserRow[], void, undefined> {
    const { build, params } = this.listQuery({ ...query, limit: null });
    return this.scopedExport<ListedUserRow>(build('$1'), params);
  }

  private listQuery(query: UserListQuery) {
    const riskFirst = query.sort === 'riskScore' || query.signal !== undefined || (query.scoreRange !== undefined && query.scoreRange[0] > 0);
    const dir = direction(query.order);
    return {
      build: (tenant: string) => (riskFirst ? this.riskFirstPage(tenant, query) : this.scanPage(tenant, query)),
      merge: `ORDER BY x.sort_key ${dir}, x.tenant_id ${dir}, x.user_id ${dir} LIMIT $4::int`,
      params: [
        query.since,
        query.pattern,
        query.limit,
        query.after?.key ?? null,
        query.after?.userId ?? null,
        query.scoreRange?.[0] ?? null,
        query.scoreRange?.[1] ?? null,
        query.status ?? null,
        query.label ?? null,
        query.signal ?? null,
        query.domain ?? null,
        query.from ?? null,
        query.to ?? null,
        ...(this.crossTenant ? [query.after?.tenantId ?? null] : []),
      ],
    };
  }

  private scanPage(tenant: string, query: UserListQuery): string {
    const key = SORT_KEYS[query.sort];
    const dir = direction(query.order);
    const score = riskScoreSql('s.signals');
    return `
      SELECT ${USER_COLUMNS}, s.signals, ${key.column} AS sort_key, ${key.position} AS sort_position
      FROM end_users u CROSS JOIN LATERAL (SELECT ${signalsOf('u', PARAMS.since)} AS signals) s
      WHERE u.tenant_id = ${tenant} AND ($3::text IS NULL OR u.user_id LIKE $3) AND ${ROW_FILTERS}
        AND ${this.after(key.column, key.type, tenant, query.order)}
        AND (${PARAMS.scoreMin} IS NULL OR (${score} >= ${PARAMS.scoreMin} AND ${score} < ${PARAMS.scoreMax})) AND ${hasSignal('s.signals')}
      ORDER BY ${key.column} ${dir}, u.user_id ${dir} LIMIT $4::int`;
  }

  private riskFirstPage(tenant: string, query: UserListQuery): string {
    const key = SORT_KEYS[query.sort];
    const dir = direction(query.order);
    // The score alone while choosing the page; the signals only for the page's rows.
    const computed = `SELECT g.*, ${riskScoreInWindowSql('g', '$2')} AS score FROM user_risk g WHERE g.tenant_id = ${tenant} AND g.last_at >= $2`;
    const signals = signalsInWindowSql('r', '$2');
    const inLevel = `(${PARAMS.scoreMin} IS NULL OR (r.score >= ${PARAMS.scoreMin} AND r.score < ${PARAMS.scoreMax})) AND ${hasSignal(signals)}`;
    // The page is chosen in each source of scores (stored or computed, see storedScores) separately, so that
    // each is read in its own order, then merged. Sorted by score, it is chosen among the scored users alone
    // and only its rows are joined to end_users (row filters, when given, are applied first, so the limit
    // counts only users that pass them); sorted otherwise, the planner may walk end_users in the sort's order
    // and look each user's stored score up, or take a risk level's users from the score index.
    const bySource = (page: (scored: string) => string) =>
      storedScores(tenant, computed)
        .map(({ scored, when }) => `SELECT c.* FROM (${page(scored)}) c WHERE ${when}`)
        .join(' UNION ALL ');
    const byScore = (scored: string) => `
      SELECT r.* FROM (${scored}) r
      WHERE ($3::text IS NULL OR r.user_id LIKE $3) AND ${inLevel} AND ${this.after('r.score', 'int', tenant, query.order, 'r.user_id')}
        AND ${rowFiltered(query) ? `EXISTS (SELECT 1 FROM end_users u WHERE u.tenant_id = ${tenant} AND u.user_id = r.user_id AND ${ROW_FILTERS})` : UNUSED_ROW_FILTERS}
      ORDER BY r.score ${dir}, r.user_id ${dir} LIMIT $4::int`;
    const byKey = (scored: string) => `
      SELECT ${USER_COLUMNS}, ${signals} AS signals, ${key.column} AS sort_key, ${key.position} AS sort_position
      FROM (${scored}) r JOIN end_users u ON u.tenant_id = ${tenant} AND u.user_id = r.user_id
      WHERE ($3::text IS NULL OR u.user_id LIKE $3) AND ${ROW_FILTERS} AND ${this.after(key.column, key.type, tenant, query.order)} AND ${inLevel}
      ORDER BY ${key.column} ${dir}, u.user_id ${dir} LIMIT $4::int`;
    const risky =
      query.sort === 'riskScore'
        ? `
      SELECT ${USER_COLUMNS}, ${signals} AS signals, r.score AS sort_key, ${key.position} AS sort_position
      FROM (SELECT r.* FROM (${bySource(byScore)}) r ORDER BY r.score ${dir}, r.user_id ${dir} LIMIT $4::int) r
      JOIN end_users u ON u.tenant_id = ${tenant} AND u.user_id = r.user_id`
        : bySource(byKey);
    const withoutRisk = query.sort === 'riskScore' && query.signal === undefined && (query.scoreRange === undefined || query.scoreRange[0] === 0);
    if (!withoutRisk) return `SELECT z.* FROM (${risky}) z ORDER BY z.sort_key ${dir}, z.user_id ${dir} LIMIT $4::int`;
    const calm = `
      SELECT ${USER_COLUMNS}, '{}'::text[] AS signals, 0 AS sort_key, 0 AS sort_position
      FROM end_users u
      WHERE u.tenant_id = ${tenant} AND ($3::text IS NULL OR u.user_id LIKE $3) AND ${ROW_FILTERS} AND ${this.after('0', 'int', tenant, query.order)}
        AND NOT EXISTS (SELECT 1 FROM user_risk i WHERE i.tenant_id = u.tenant_id AND i.user_id = u.user_id AND i.last_at >= $2)
      ORDER BY u.user_id ${dir} LIMIT $4::int`;
    // Every risky user (score above 0) sorts on one side of every calm one (0): the far side is read only
    // when the near one does not fill the page. Finding no calm user walks every user, and a device farm
    // flags them all.
    const [near, far] = query.order === 'asc' ? [calm, risky] : [risky, calm];
    return `
      WITH near AS MATERIALIZED (${near})
      SELECT z.* FROM (SELECT * FROM near UNION ALL SELECT far.* FROM (${far}) far WHERE $4::int IS NULL OR (SELECT count(*) FROM near) < $4::int) z
      ORDER BY z.sort_key ${dir}, z.user_id ${dir} LIMIT $4::int`;
  }

  private after(key: string, type: string, tenant: string, order: SortOrder, id = 'u.user_id'): string {
    return afterCursor({ key, id, tenant: this.crossTenant ? tenant : undefined }, { key: `$5::${type}`, id: '$6::text', tenant: '$15::text' }, order);
  }

  get(userId: string, since: Date, forUpdate = false): Promise<UserDetailRow | undefined> {
    return this.scopedOne<UserDetailRow>(
      `SELECT ${USER_COLUMNS}, u.metadata, u.domainprint_count, u.page_views, u.logins, u.signups, u.purchases, u.custom_events,
              ${signalsOf('u', '$3')} AS signals
       FROM end_users u WHERE u.tenant_id = $1 AND u.user_id = $2 ${forUpdate ? 'FOR UPDATE OF u' : ''}`,
      [userId, since],
    );
  }

  fingerprints(userId: string, limit: number) {
    return this.scoped<{ fingerprint: string; event_count: string; user_count: number; first_seen: Date; last_seen: Date }>(
      `SELECT uf.fingerprint, uf.event_count, f.user_count, uf.first_seen, uf.last_seen
       FROM user_fingerprints uf JOIN fingerprint_stats f ON f.tenant_id = uf.tenant_id AND f.fingerprint = uf.fingerprint
       WHERE uf.tenant_id = $1 AND uf.user_id = $2 ORDER BY uf.last_seen DESC, uf.fingerprint LIMIT $3`,
      [userId, limit],
    );
  }

  domainprints(userId: string, limit: number) {
    return this.scoped<{ domainprint: string; event_count: string; domains: string[]; first_seen: Date; last_seen: Date }>(
      `SELECT du.domainprint, du.event_count, d.domains, du.first_seen, du.last_seen
       FROM domainprint_users du JOIN domainprint_stats d ON d.tenant_id = du.tenant_id AND d.domainprint = du.domainprint
       WHERE du.tenant_id = $1 AND du.user_id = $2 ORDER BY du.last_seen DESC, du.domainprint LIMIT $3`,
      [userId, limit],
    );
  }

  /**
   * The user's signal evidence, newest first: impossible_travel, account_sharing and velocity as the engine
   * recorded them per user; device_shared per shared fingerprint of the user (at the later of "became
   * shared" and the user's last event there), with the evidence of that fingerprint's incident of the day.
   */
  incidents(userId: string, limit: number) {
    return this.scoped<{ signal: string; started_at: Date; occurred_at: Date; detected_at: Date; evidence: Record<string, unknown> }>(
      `SELECT signal, started_at, occurred_at, detected_at, evidence FROM (
         SELECT signal, incident_key, started_at, occurred_at, detected_at, evidence FROM signal_incidents
         WHERE tenant_id = $1 AND user_id = $2 AND signal <> 'device_shared'
         UNION ALL
         SELECT 'device_shared', uf.fingerprint, sf.shared_since, d.at, sf.detected_at, x.evidence
         FROM user_fingerprints uf
         JOIN shared_fingerprints sf ON sf.tenant_id = uf.tenant_id AND sf.fingerprint = uf.fingerprint
         CROSS JOIN LATERAL (SELECT greatest(sf.shared_since, uf.last_seen) AS at) d
         JOIN incidents x ON x.tenant_id = uf.tenant_id AND x.signal = 'device_shared' AND x.subject_id = uf.fingerprint
                         AND x.day = (d.at AT TIME ZONE 'UTC')::date
         WHERE uf.tenant_id = $1 AND uf.user_id = $2
       ) i ORDER BY occurred_at DESC, signal, incident_key LIMIT $3`,
      [userId, limit],
    );
  }

  async update(userId: string, changes: { status?: UserStatus; labels?: string[]; metadata?: Record<string, unknown> }): Promise<void> {
    await this.scoped(
      `UPDATE end_users SET status = coalesce($3, status), labels = coalesce($4, labels), metadata = coalesce($5::jsonb, metadata), updated_at = now()
       WHERE tenant_id = $1 AND user_id = $2`,
      [userId, changes.status ?? null, changes.labels ?? null, changes.metadata ? JSON.stringify(changes.metadata) : null],
    );
  }
}
