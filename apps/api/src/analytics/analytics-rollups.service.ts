import { Injectable } from '@nestjs/common';
import { AttributionRollupRepository } from '../attribution/attribution-rollup.repository.js';
import { planMerges } from '../fraud/cluster-merge.js';
import { IdentityClusterRollupRepository } from '../fraud/identity-cluster-rollup.repository.js';

/**
 * Keeps the analytics read models current, inside the ingest transaction of each batch (so a 202 means
 * the analytics include the batch): campaign visits and conversion attribution, then identity clusters.
 * The cluster step comes last: it may take the tenant's cluster lock, held until commit.
 */
@Injectable()
export class AnalyticsRollups {
  constructor(
    private readonly attribution: AttributionRollupRepository,
    private readonly clusters: IdentityClusterRollupRepository,
  ) {}

  /** `batch`: the store statement's answer; its new events are staged in `arrived_events`. */
  async afterBatch(batch: { inserted: number }): Promise<void> {
    if (batch.inserted === 0) return;
    await this.attribution.recordBatch();
    await this.linkClusters();
  }

  /** Steady state (known users on known devices) is one read; only new links lock and merge. */
  private async linkClusters(): Promise<void> {
    const links = await this.clusters.pendingLinks();
    if (links.length === 0) return;
    await this.clusters.lock();
    const nodes = new Map<string, { type: string; id: string }>();
    for (const link of links) {
      nodes.set(`user\u0000${link.userId}`, { type: 'user', id: link.userId });
      nodes.set(`${link.type}\u0000${link.id}`, { type: link.type, id: link.id });
    }
    const plans = planMerges(links, await this.clusters.states([...nodes.values()]));
    if (plans.length > 0) await this.clusters.apply(plans);
  }
}
