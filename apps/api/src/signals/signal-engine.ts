import { Injectable } from '@nestjs/common';
import { SignalEngineRepository } from './signal-engine.repository.js';
import { SignalSettings } from './signal-settings.js';

/** What a stored batch tells the engine besides its new events (in `arrived_events`): which keys can have a signal at all. */
export interface ArrivedBatch {
  inserted: number;
  /** Users of the batch seen on two or more fingerprints (account sharing is possible). */
  multiDeviceUsers: string[];
  /** Fingerprints of the batch with more events in total than the velocity limit (velocity is possible). */
  busyFingerprints: string[];
  /** Fingerprints of the batch seen with `minUsers` or more users (device sharing). */
  sharedFingerprints: string[];
}

/**
 * Keeps incidents current as batches are stored, in the ingest transaction (after the rollup upserts
 * locked the batch's users and fingerprints), so risk is correct as soon as the batch is acknowledged.
 * A signal whose precondition no key of the batch meets costs nothing: its statement is not sent.
 */
@Injectable()
export class SignalEngine {
  constructor(private readonly incidents: SignalEngineRepository) {}

  async evaluate(batch: ArrivedBatch, settings: SignalSettings): Promise<void> {
    if (batch.inserted === 0) return;
    await this.incidents.impossibleTravel(settings.impossibleTravel);
    if (batch.sharedFingerprints.length > 0) await this.incidents.deviceShared(batch.sharedFingerprints, settings.deviceShared);
    if (batch.multiDeviceUsers.length > 0) await this.incidents.accountSharing(batch.multiDeviceUsers, settings.accountSharing);
    if (batch.busyFingerprints.length > 0) await this.incidents.velocity(batch.busyFingerprints, settings.velocity);
  }
}
