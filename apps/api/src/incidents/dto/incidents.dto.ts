import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { TimeWindowQueryDto } from '#libs/http/src/index.js';
import { SIGNALS, type Signal } from '../../signals/risk.js';

export const INCIDENT_STATUSES = ['open', 'resolved', 'dismissed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** GET /v1/incidents: newest first (by lastSeenAt), the window on lastSeenAt (default the last 30 days). */
export class IncidentsQueryDto extends TimeWindowQueryDto {
  @ApiPropertyOptional({ enum: SIGNALS })
  @IsOptional()
  @IsIn(SIGNALS)
  signal?: Signal;

  @ApiPropertyOptional({ enum: INCIDENT_STATUSES })
  @IsOptional()
  @IsIn(INCIDENT_STATUSES)
  status?: IncidentStatus;

  @ApiPropertyOptional({ description: 'Incidents whose subject or listed users include this user' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  userId?: string;

  @ApiPropertyOptional({ description: 'Incidents about this fingerprint' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  fingerprint?: string;
}

/** PATCH /v1/incidents/:id: the tenant's triage. */
export class UpdateIncidentDto {
  @ApiPropertyOptional({ enum: INCIDENT_STATUSES })
  @IsOptional()
  @IsIn(INCIDENT_STATUSES)
  status?: IncidentStatus;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}
