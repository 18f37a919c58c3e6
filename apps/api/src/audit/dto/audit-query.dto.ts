import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { TimeWindowQueryDto } from '#libs/http/src/index.js';

export class AuditQueryDto extends TimeWindowQueryDto {
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
