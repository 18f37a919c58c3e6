import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { AllTenantsQueryDto, OrderQueryDto, TimeWindowQueryDto } from '#libs/http/src/index.js';

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
}
