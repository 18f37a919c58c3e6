import { Injectable, Module } from '@nestjs/common';
import { AttributionRollupRepository } from './attribution-rollup.repository.js';

/** Campaign visits and conversion attribution, brought up to date with each stored batch of events. */
@Injectable()
export class AttributionProjection {
  constructor(private readonly rollups: AttributionRollupRepository) {}

  /** Reads the batch staged in `arrived_events`. */
  afterBatch(): Promise<void> {
    return this.rollups.recordBatch();
  }
}

/** The attribution write side, for the ingestion path; its tables stay private to the attribution module. */
@Module({ providers: [AttributionProjection, AttributionRollupRepository], exports: [AttributionProjection] })
export class AttributionProjectionModule {}
