import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { AreOrigins, USER_ID_PATTERN } from './validators.js';
import { TenantSettingsDto } from './tenant-settings.dto.js';

export class CreateTenantDto {
  @ApiPropertyOptional({ description: 'Tenant id (e.g. a Clerk organization id); generated when absent', pattern: '^[A-Za-z0-9_-]{1,64}$' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'id must match ^[A-Za-z0-9_-]{1,64}$' })
  id?: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ type: [String], example: ['https://shop.example.com'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @AreOrigins()
  allowedOrigins?: string[];

  @ApiProperty({ description: 'IdP subject of the first owner' })
  @Matches(USER_ID_PATTERN, { message: 'ownerUserId must be 1-256 printable characters' })
  ownerUserId: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  ownerEmail?: string;
}

export class UpdateTenantDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @AreOrigins()
  allowedOrigins?: string[];

  @ApiPropertyOptional({ type: TenantSettingsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => TenantSettingsDto)
  settings?: TenantSettingsDto;
}
