import { Injectable } from '@nestjs/common';
import type { EventChunk, EventProjection } from '../pipeline/event-projection.js';
import { SignalEngineRepository } from './signal-engine.repository.js';

/**
 * Stored risk scores rescored per chunk once a signal they count has left the 30-day window: a tenant's
 * users leave it at the pace its events arrived 30 days earlier, far below this per chunk.
 */
const STALE_SCORES_PER_CHUNK = 1000;

/**
 * Keeps incidents current as chunks are processed, after the identity rollups (whose answer names the
 * keys that can carry a signal at all). A signal whose precondition no key of the chunk meets costs
 * nothing: its statement is not sent.
 */
@Injectable()
export class SignalEngine implements EventProjection {
  readonly name = 'signals';

  constructor(private readonly incidents: SignalEngineRepository) {}

  async apply(chunk: EventChunk): Promise<void> {
    const settings = chunk.settings.signals;
    const { sharedFingerprints, multiDeviceUsers, busyFingerprints } = chunk.candidates;
    await this.incidents.prepare(chunk.changeLog);
    await this.incidents.impossibleTravel(settings.impossibleTravel);
    if (sharedFingerprints.length > 0) await this.incidents.deviceShared(sharedFingerprints, settings.deviceShared);
    if (multiDeviceUsers.length > 0) await this.incidents.accountSharing(multiDeviceUsers, settings.accountSharing);
    if (busyFingerprints.length > 0) await this.incidents.velocity(busyFingerprints, settings.velocity);
    // Only the fold reads the triage's status: a triage waits for the fold and what follows it, not for the
    // evidence statements too (at 1M farm events those took half of a chunk's 6.8–10.5 s in signals).
    await this.incidents.lock();
    await this.incidents.fold(chunk.changeLog);
    await this.incidents.rescoreStaleRisk(STALE_SCORES_PER_CHUNK);
  }

  /**
   * Inside the triage's transaction, before its change: a dismissed incident stops counting in risk, and
   * counts again when reopened. The risk scores the triage changes are recorded for the transaction (see
   * RISK_LEVEL_CHANGES), so whatever reports them reads them before it commits.
   */
  async beforeTriage(): Promise<void> {
    await this.incidents.lock();
    await this.incidents.recordRiskChanges();
  }

  async afterTriage(incidentId: string, countsChanged: boolean): Promise<void> {
    if (countsChanged) await this.incidents.refreshUsersOf(incidentId);
  }
}
