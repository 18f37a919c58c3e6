import { ApiPropertyOptional, IntersectionType, OmitType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { AllTenantsQueryDto, OrderQueryDto, TimeWindowQueryDto } from '#libs/http/src/index.js';
import { EVENT_TYPES, type EventType } from '../event-schema.js';

export class EventsQueryDto extends IntersectionType(TimeWindowQueryDto, AllTenantsQueryDto, OrderQueryDto) {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(256)
  userId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(256)
  fingerprint?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(256)
  domainprint?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(253)
  domain?: string;

  @ApiPropertyOptional({ enum: EVENT_TYPES })
  @IsOptional()
  @IsIn(EVENT_TYPES)
  eventType?: EventType;
}

/** An export takes the list's filters and order; it has no pages and reads one tenant. */
export class EventsExportQueryDto extends OmitType(EventsQueryDto, ['limit', 'cursor', 'allTenants'] as const) {}
