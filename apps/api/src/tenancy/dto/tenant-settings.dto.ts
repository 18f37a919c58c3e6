import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsOptional, Max, Min, ValidateNested } from 'class-validator';

class ImpossibleTravelSettingsDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 20_000, default: 100 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(20_000)
  minKm?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100_000, default: 900 })
  @IsOptional()
  @IsNumber()
  @Min(1)
  @Max(100_000)
  maxKmh?: number;
}

class DeviceSharedSettingsDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 2, maximum: 10_000, default: 2 })
  @IsOptional()
  @IsInt()
  @Min(2)
  @Max(10_000)
  minUsers?: number;
}

class AccountSharingSettingsDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 2, maximum: 10_000, default: 3 })
  @IsOptional()
  @IsInt()
  @Min(2)
  @Max(10_000)
  minFingerprints?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 24 * 365, default: 24 })
  @IsOptional()
  @IsNumber()
  @Min(1)
  @Max(24 * 365)
  windowHours?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 20_000, default: 50 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(20_000)
  minKm?: number;
}

class VelocitySettingsDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1_000_000, default: 60 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  maxEvents?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 86_400, default: 60 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(86_400)
  windowSeconds?: number;
}

export class SignalSettingsDto {
  @ApiPropertyOptional({ type: ImpossibleTravelSettingsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ImpossibleTravelSettingsDto)
  impossibleTravel?: ImpossibleTravelSettingsDto;

  @ApiPropertyOptional({ type: DeviceSharedSettingsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => DeviceSharedSettingsDto)
  deviceShared?: DeviceSharedSettingsDto;

  @ApiPropertyOptional({ type: AccountSharingSettingsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AccountSharingSettingsDto)
  accountSharing?: AccountSharingSettingsDto;

  @ApiPropertyOptional({ type: VelocitySettingsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => VelocitySettingsDto)
  velocity?: VelocitySettingsDto;
}

/** Tenant settings; a PATCH merges into the stored settings key by key. */
export class TenantSettingsDto {
  @ApiPropertyOptional({ type: SignalSettingsDto, description: 'Signal thresholds overriding the defaults' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SignalSettingsDto)
  signals?: SignalSettingsDto;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 3650, default: 365, description: 'How old an accepted event may be, in days' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  retentionDays?: number;
}
