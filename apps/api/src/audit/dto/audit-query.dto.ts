import { ApiPropertyOptional, IntersectionType, OmitType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { OrderQueryDto, TimeWindowQueryDto } from '#libs/http/src/index.js';

export class AuditQueryDto extends IntersectionType(TimeWindowQueryDto, OrderQueryDto) {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(256)
  actorId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entityType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  operation?: string;

  @ApiPropertyOptional({ enum: ['ok', 'denied', 'error'] })
  @IsOptional()
  @IsIn(['ok', 'denied', 'error'])
  outcome?: 'ok' | 'denied' | 'error';
}

/** An export takes the list's filters and order; it has no pages. */
export class AuditExportQueryDto extends OmitType(AuditQueryDto, ['limit', 'cursor'] as const) {}
