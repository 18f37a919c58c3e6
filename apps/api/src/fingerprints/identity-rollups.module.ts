import { Module } from '@nestjs/common';
import { IdentityRollupsProjection } from './identity-rollups.projection.js';

/** The identity rollups' write side: the projection the event pipeline applies to every chunk. */
@Module({ providers: [IdentityRollupsProjection], exports: [IdentityRollupsProjection] })
export class IdentityRollupsModule {}
