import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { AllTenantsQueryDto, PageQueryDto } from '#libs/http/src/index.js';
import { IntersectionType } from '@nestjs/swagger';

export const DEFAULT_DEPTH = 2;
export const MAX_DEPTH = 3;

export class IdentityGraphQueryDto extends IntersectionType(PageQueryDto, AllTenantsQueryDto) {
  @ApiPropertyOptional({ description: 'Seed: the graph around this end user' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  userId?: string;

  @ApiPropertyOptional({ description: 'Seed: the graph around this fingerprint' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  fingerprint?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_DEPTH, default: DEFAULT_DEPTH, description: 'Hops from the seed (with userId or fingerprint only)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_DEPTH)
  depth?: number;
}
