import { ApiProperty } from '@nestjs/swagger';
import type { HealthStatus } from '../health.service.js';

export class HealthStatusDto implements HealthStatus {
  @ApiProperty({ enum: ['ok', 'error'] }) status: 'ok' | 'error';
  @ApiProperty({ enum: ['up', 'down'] }) db: 'up' | 'down';
  @ApiProperty({ example: '0.1.0' }) version: string;
}

export class LivenessDto {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
}
