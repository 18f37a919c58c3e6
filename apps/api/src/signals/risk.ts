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
