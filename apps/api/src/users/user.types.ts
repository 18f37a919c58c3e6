import { RiskLevel, riskLevel, riskScore, SIGNALS, Signal, signalsInWindowSql } from '../signals/risk.js';

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
