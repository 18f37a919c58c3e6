import { Injectable } from '@nestjs/common';
import { AttributionProjection } from '../attribution/attribution-projection.js';
import { IdentityClusterProjection } from '../fraud/identity-cluster-projection.js';

/**
 * Keeps the analytics read models current, inside the ingest transaction of each batch (so a 202 means
 * the analytics include the batch): campaign visits and conversion attribution, then identity clusters.
 * The cluster step comes last: it may take the tenant's cluster lock, held until commit.
 */
@Injectable()
export class AnalyticsRollups {
  constructor(
    private readonly attribution: AttributionProjection,
    private readonly clusters: IdentityClusterProjection,
  ) {}

  /** `batch`: the store statement's answer; its new events are staged in `arrived_events`. */
  async afterBatch(batch: { inserted: number }): Promise<void> {
    if (batch.inserted === 0) return;
    await this.attribution.afterBatch();
    await this.clusters.afterBatch();
  }
}
