import { Injectable, Module } from '@nestjs/common';
import { planMerges } from './cluster-merge.js';
import { IdentityClusterRollupRepository } from './identity-cluster-rollup.repository.js';

/** Identity clusters (users linked through shared fingerprints or domainprints), merged as batches link them. */
@Injectable()
export class IdentityClusterProjection {
  constructor(private readonly clusters: IdentityClusterRollupRepository) {}

  /**
   * Steady state (known users on known devices) is one read; only new links lock and merge. It may take the
   * tenant's cluster lock, held until commit, so it runs last in the batch's transaction.
   */
  async afterBatch(): Promise<void> {
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

/** The cluster write side, for the ingestion path; the cluster tables stay private to the fraud module. */
@Module({ providers: [IdentityClusterProjection, IdentityClusterRollupRepository], exports: [IdentityClusterProjection] })
export class IdentityClusterProjectionModule {}
