import { Module } from '@nestjs/common';
import { TimeseriesController } from './timeseries.controller.js';
import { TimeseriesRepository } from './timeseries.repository.js';
import { TimeseriesService } from './timeseries.service.js';

/** Analytics over time: the series read from the hourly rollups the pipeline keeps and from the incidents. */
@Module({ controllers: [TimeseriesController], providers: [TimeseriesService, TimeseriesRepository] })
export class AnalyticsModule {}
