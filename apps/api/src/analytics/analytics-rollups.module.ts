import { Module } from '@nestjs/common';
import { AttributionRollupRepository } from '../attribution/attribution-rollup.repository.js';
import { IdentityClusterRollupRepository } from '../fraud/identity-cluster-rollup.repository.js';
import { AnalyticsRollups } from './analytics-rollups.service.js';

/** The analytics read models maintained at ingest; the ingestion service calls `AnalyticsRollups.afterBatch`. */
@Module({ providers: [AnalyticsRollups, AttributionRollupRepository, IdentityClusterRollupRepository], exports: [AnalyticsRollups] })
export class AnalyticsRollupsModule {}
