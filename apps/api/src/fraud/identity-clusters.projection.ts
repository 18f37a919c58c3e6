import { Injectable } from '@nestjs/common';
import type { EventProjection } from '../pipeline/event-projection.js';
import { planMerges } from './cluster-merge.js';
import { IdentityClusterRollupRepository } from './identity-cluster-rollup.repository.js';

/**
 * Identity clusters (connected users and devices), kept from each chunk. Steady state (known users on
 * known devices) is one read; only new links lock and merge.
 */
@Injectable()
export class IdentityClustersProjection implements EventProjection {
  readonly name = 'identity_clusters';

  constructor(private readonly clusters: IdentityClusterRollupRepository) {}

  async apply(): Promise<void> {
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
