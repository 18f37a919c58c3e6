import { Module } from '@nestjs/common';
import { AnalyticsHoursProjection } from './analytics-hours.projection.js';

/** The time series' write side: the projection the event pipeline applies to every chunk. */
@Module({ providers: [AnalyticsHoursProjection], exports: [AnalyticsHoursProjection] })
export class AnalyticsRollupsModule {}
