import { Module } from '@nestjs/common';
import { IdentityClusterRollupRepository } from './identity-cluster-rollup.repository.js';
import { IdentityClustersProjection } from './identity-clusters.projection.js';

/** Identity clusters' write side: the projection the event pipeline applies to every chunk. */
@Module({ providers: [IdentityClustersProjection, IdentityClusterRollupRepository], exports: [IdentityClustersProjection] })
export class IdentityClustersModule {}
