import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { AllTenantsQueryDto, DecimalInteger, PageQueryDto } from '#libs/http/src/index.js';
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

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_DEPTH,
    default: DEFAULT_DEPTH,
    description: 'Hops from the seed (with userId or fingerprint only)',
  })
  @IsOptional()
  @DecimalInteger(1, MAX_DEPTH)
  depth?: number;
}
