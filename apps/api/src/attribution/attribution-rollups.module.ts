import { Module } from '@nestjs/common';
import { AttributionProjection } from './attribution.projection.js';

/** Attribution's write side: the projection the event pipeline applies to every chunk. */
@Module({ providers: [AttributionProjection], exports: [AttributionProjection] })
export class AttributionRollupsModule {}
