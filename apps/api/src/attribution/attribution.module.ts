import { Module } from '@nestjs/common';
import { AttributionController } from './attribution.controller.js';
import { AttributionRepository } from './attribution.repository.js';
import { AttributionService } from './attribution.service.js';

/** Campaign attribution, read from the rollups `AnalyticsRollups` keeps at ingest. */
@Module({ controllers: [AttributionController], providers: [AttributionService, AttributionRepository] })
export class AttributionModule {}
