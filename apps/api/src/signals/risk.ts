export const SIGNALS = ['impossible_travel', 'device_shared', 'account_sharing', 'velocity'] as const;
export type Signal = (typeof SIGNALS)[number];

export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** Points a signal adds to the risk score (each signal counts once). */
export const SIGNAL_WEIGHTS: Record<Signal, number> = { impossible_travel: 40, device_shared: 25, account_sharing: 20, velocity: 15 };

/** A user has a signal when an incident of it occurred in the last this many days. */
export const SIGNAL_WINDOW_DAYS = 30;

export function riskScore(signals: readonly string[]): number {
  const score = SIGNALS.reduce((sum, signal) => sum + (signals.includes(signal) ? SIGNAL_WEIGHTS[signal] : 0), 0);
  return Math.min(100, score);
}

/** low < 25 ≤ medium < 50 ≤ high < 75 ≤ critical. */
export function riskLevel(score: number): RiskLevel {
  if (score >= 75) return 'critical';
  if (score >= 50) return 'high';
  if (score >= 25) return 'medium';
  return 'low';
}

/** The same levels in SQL, over an integer score expression. */
export function riskLevelSql(score: string): string {
  return `CASE WHEN ${score} >= 75 THEN 'critical' WHEN ${score} >= 50 THEN 'high' WHEN ${score} >= 25 THEN 'medium' ELSE 'low' END`;
}

/** The same score in SQL, over an expression holding a text[] of signals. */
export function riskScoreSql(signals: string): string {
  const terms = SIGNALS.map((signal) => `CASE WHEN '${signal}' = ANY(${signals}) THEN ${SIGNAL_WEIGHTS[signal]} ELSE 0 END`);
  return `least(100, ${terms.join(' + ')})`;
}

/** Inclusive lower bound of the score for a level, and exclusive upper bound. */
export function riskLevelRange(level: RiskLevel): [number, number] {
  const bounds: Record<RiskLevel, [number, number]> = { low: [0, 25], medium: [25, 50], high: [50, 75], critical: [75, 101] };
  return bounds[level];
}

/** `user_risk` keeps each signal's first and last occurrence in columns named after it. */
export const firstColumn = (signal: Signal) => `${signal}_first`;
export const lastColumn = (signal: Signal) => `${signal}_last`;
export const SPAN_COLUMNS = SIGNALS.flatMap((signal) => [firstColumn(signal), lastColumn(signal)]);

/** Whether a `user_risk` row (alias `r`) has `signal` in [from, to), as SQL: its occurrences overlap the window. */
const inWindow = (r: string, signal: Signal, from: string, to?: string) =>
  `(${r}.${lastColumn(signal)} >= ${from}${to ? ` AND ${r}.${firstColumn(signal)} < ${to}` : ''})`;

/** The signals of a `user_risk` row in [from, to) (no `to`: up to now and on), as a text[] in the canonical order. */
export function signalsInWindowSql(r: string, from: string, to?: string): string {
  return `array_remove(ARRAY[${SIGNALS.map((signal) => `CASE WHEN ${inWindow(r, signal, from, to)} THEN '${signal}' END`).join(', ')}], NULL)`;
}

/** The same signals as a bitmask (bit i = SIGNALS[i]). */
export function signalMaskSql(r: string, from: string, to?: string): string {
  return SIGNALS.map((signal, bit) => `CASE WHEN ${inWindow(r, signal, from, to)} THEN ${1 << bit} ELSE 0 END`).join(' | ');
}

/** The risk score of a `user_risk` row in [from, to). */
export function riskScoreInWindowSql(r: string, from: string, to?: string): string {
  return `least(100, ${SIGNALS.map((signal) => `CASE WHEN ${inWindow(r, signal, from, to)} THEN ${SIGNAL_WEIGHTS[signal]} ELSE 0 END`).join(' + ')})`;
}

/**
 * `user_risk` stores each user's score over the default window (`risk_score`), so the users list sorted
 * by risk reads an index range instead of scoring every flagged user. The projection scores with a window
 * starting an hour before a reader's would ("now" minus 30 days and one hour): a signal it leaves out
 * then ended before any reader's window whose clock is less than half an hour behind, and a signal it
 * counts but a reader's window no longer holds shows in `risk_score_expires_at` (the earliest last
 * occurrence counted, plus 30 days), which the reader checks and rescores from the spans.
 */
const WINDOW_HOURS = SIGNAL_WINDOW_DAYS * 24;
const SCORED_SINCE = `now() - make_interval(hours => ${WINDOW_HOURS + 1})`;

/** The stored score of a row with span columns (alias `r`), and when it expires, as the projection writes them. */
export function storedRiskSql(r: string): { score: string; expiresAt: string } {
  const counted = SIGNALS.map((signal) => `CASE WHEN ${inWindow(r, signal, SCORED_SINCE)} THEN ${r}.${lastColumn(signal)} END`);
  return {
    score: riskScoreInWindowSql(r, SCORED_SINCE),
    expiresAt: `coalesce(least(${counted.join(', ')}), 'infinity') + make_interval(hours => ${WINDOW_HOURS})`,
  };
}

/** Whether a reader's window start (`since`, the default window) may take stored scores: its clock agrees with the database's within half an hour. */
export const storedScoresApply = (since: string) => `(${since} >= now() - make_interval(hours => ${WINDOW_HOURS}, mins => 30))`;

/** Whether the stored score of `user_risk` row `r` still holds for a window starting at `since`. */
export const storedScoreHolds = (r: string, since: string) => `(${r}.risk_score_expires_at >= ${since} + make_interval(hours => ${WINDOW_HOURS}))`;

/** Whether the stored score of row `r` counts a signal the projection's own window no longer holds (rescoring it changes it). */
export const storedScoreStale = (r: string) => `(${r}.risk_score_expires_at < now() - make_interval(hours => 1))`;
