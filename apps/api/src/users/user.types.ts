import { RiskLevel, riskLevel, riskLevelSql, riskScore, riskScoreSql, SIGNALS, Signal, signalsInWindowSql } from '../signals/risk.js';

export const USER_STATUSES = ['active', 'trusted', 'blocked'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export interface UserListItem {
  tenantId?: string;
  userId: string;
  eventCount: number;
  fingerprintCount: number;
  domains: string[];
  riskScore: number;
  riskLevel: RiskLevel;
  signals: Signal[];
  firstSeen: string;
  lastSeen: string;
  status: UserStatus;
  labels: string[];
}

/** The CSV columns of a user: the list item's fields (arrays as JSON text). */
export const USER_CSV_COLUMNS = [
  'userId',
  'eventCount',
  'fingerprintCount',
  'domains',
  'riskScore',
  'riskLevel',
  'signals',
  'firstSeen',
  'lastSeen',
  'status',
  'labels',
] as const;

export interface UserRow {
  tenant_id: string;
  user_id: string;
  event_count: string;
  fingerprint_count: number;
  domains: string[];
  first_seen: Date;
  last_seen: Date;
  status: UserStatus;
  labels: string[];
  signals: string[];
}

export interface UserDetailRow extends UserRow {
  metadata: Record<string, unknown>;
  domainprint_count: number;
  page_views: string;
  logins: string;
  signups: string;
  purchases: string;
  custom_events: string;
}

export const USER_COLUMNS = `u.tenant_id, u.user_id, u.event_count, u.fingerprint_count, u.domains, u.first_seen, u.last_seen, u.status, u.labels`;

/** The user's signals: those with an occurrence at or after `since` (its `user_risk` row), in the canonical order. */
export const signalsOf = (user: string, since: string) =>
  `coalesce((SELECT ${signalsInWindowSql('r', since)} FROM user_risk r WHERE r.tenant_id = ${user}.tenant_id AND r.user_id = ${user}.user_id), '{}')`;

export function toUserListItem(row: UserRow, withTenant: boolean): UserListItem {
  const signals = SIGNALS.filter((signal) => row.signals.includes(signal));
  const score = riskScore(signals);
  return {
    ...(withTenant ? { tenantId: row.tenant_id } : {}),
    userId: row.user_id,
    eventCount: Number(row.event_count),
    fingerprintCount: row.fingerprint_count,
    domains: row.domains,
    riskScore: score,
    riskLevel: riskLevel(score),
    signals,
    firstSeen: row.first_seen.toISOString(),
    lastSeen: row.last_seen.toISOString(),
    status: row.status,
    labels: row.labels,
  };
}

/**
 * The users of `keys` (a query with a `user_id` column, run with the tenant as $1) that exist, each with
 * `resource`: the user as the users list answers it, signals and risk over the window from `since` (SQL),
 * built in SQL so that a set of them is read in one statement (webhook payloads of a whole chunk).
 * Mirrors toUserListItem.
 */
export const userResourcesSql = (keys: string, since: string) => `
SELECT k.*, jsonb_build_object(
  'userId', u.user_id, 'eventCount', u.event_count, 'fingerprintCount', u.fingerprint_count, 'domains', to_jsonb(u.domains),
  'riskScore', s.score, 'riskLevel', ${riskLevelSql('s.score')}, 'signals', to_jsonb(s.signals),
  'firstSeen', app_private.iso(u.first_seen), 'lastSeen', app_private.iso(u.last_seen), 'status', u.status, 'labels', to_jsonb(u.labels)) AS resource
FROM (${keys}) k JOIN end_users u ON u.tenant_id = $1 AND u.user_id = k.user_id
CROSS JOIN LATERAL (SELECT ${signalsOf('u', since)} AS signals) g
CROSS JOIN LATERAL (SELECT g.signals, ${riskScoreSql('g.signals')} AS score) s`;
