import { Module } from '@nestjs/common';
import { AttributionProjectionModule } from '../attribution/attribution-projection.js';
import { IdentityClusterProjectionModule } from '../fraud/identity-cluster-projection.js';
import { AnalyticsRollups } from './analytics-rollups.service.js';

/** The analytics read models maintained at ingest; the ingestion service calls `AnalyticsRollups.afterBatch`. */
@Module({ imports: [AttributionProjectionModule, IdentityClusterProjectionModule], providers: [AnalyticsRollups], exports: [AnalyticsRollups] })
export class AnalyticsRollupsModule {}
