/** Signal thresholds (SPEC "Signals"); a tenant overrides any of them under `settings.signals`. */
export interface SignalSettings {
  impossibleTravel: { minKm: number; maxKmh: number };
  deviceShared: { minUsers: number };
  accountSharing: { minFingerprints: number; windowHours: number; minKm: number };
  velocity: { maxEvents: number; windowSeconds: number };
}

export const DEFAULT_SIGNAL_SETTINGS: SignalSettings = {
  impossibleTravel: { minKm: 100, maxKmh: 900 },
  deviceShared: { minUsers: 2 },
  accountSharing: { minFingerprints: 3, windowHours: 24, minKm: 50 },
  velocity: { maxEvents: 60, windowSeconds: 60 },
};

export const DEFAULT_RETENTION_DAYS = 365;

/** Two fingerprints' sessions: a run of events without a sessionId ends after this much silence. */
export const SESSION_GAP_MINUTES = 30;

export interface IngestSettings {
  signals: SignalSettings;
  retentionDays: number;
}

/** The tenant's stored settings over the defaults; values were validated when the settings were saved. */
export function resolveIngestSettings(stored: Record<string, unknown> | undefined): IngestSettings {
  const overrides = (stored?.signals ?? {}) as Partial<Record<keyof SignalSettings, Record<string, unknown>>>;
  const signals = {} as Record<keyof SignalSettings, Record<string, number>>;
  for (const [signal, defaults] of Object.entries(DEFAULT_SIGNAL_SETTINGS) as Array<[keyof SignalSettings, Record<string, number>]>) {
    signals[signal] = { ...defaults };
    for (const key of Object.keys(defaults)) {
      const value = overrides[signal]?.[key];
      if (typeof value === 'number' && Number.isFinite(value)) signals[signal][key] = value;
    }
  }
  const retention = stored?.retentionDays;
  return {
    signals: signals as unknown as SignalSettings,
    retentionDays: typeof retention === 'number' && retention > 0 ? retention : DEFAULT_RETENTION_DAYS,
  };
}
