import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { AllTenantsQueryDto, IsSafeText, OrderQueryDto, TimeWindowQueryDto } from '#libs/http/src/index.js';

export class EventsQueryDto extends IntersectionType(TimeWindowQueryDto, AllTenantsQueryDto, OrderQueryDto) {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(256)
  @IsSafeText()
  userId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(256)
  @IsSafeText()
  fingerprint?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(256)
  @IsSafeText()
  domainprint?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(253)
  @IsSafeText()
  domain?: string;
}
