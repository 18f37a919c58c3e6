import { Module } from '@nestjs/common';
import { AnalyticsRollupsModule } from '../analytics/analytics-rollups.module.js';
import { SignalsModule } from '../signals/signals.module.js';
import { EventStoreRepository } from './event-store.repository.js';
import { IngestService } from './ingest.service.js';

/** Ingestion without HTTP: the API's event routes and the seed command share this code path. */
@Module({ imports: [SignalsModule, AnalyticsRollupsModule], providers: [IngestService, EventStoreRepository], exports: [IngestService] })
export class IngestModule {}
