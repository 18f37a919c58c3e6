import { ApiPropertyOptional, IntersectionType, OmitType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { AllTenantsQueryDto, LastSeenWindowQueryDto, OrderQueryDto, PageQueryDto } from '#libs/http/src/index.js';
import { RISK_LEVELS, type RiskLevel, SIGNALS, type Signal } from '../../signals/risk.js';
import { USER_STATUSES, type UserStatus } from '../user.types.js';
import type { UserSort } from '../users.repository.js';

const SORTS: UserSort[] = ['lastSeen', 'riskScore', 'eventCount'];

export class UsersQueryDto extends IntersectionType(PageQueryDto, AllTenantsQueryDto, OrderQueryDto, LastSeenWindowQueryDto) {
  @ApiPropertyOptional({ enum: RISK_LEVELS })
  @IsOptional()
  @IsIn(RISK_LEVELS)
  riskLevel?: RiskLevel;

  @ApiPropertyOptional({ description: 'userId prefix' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  q?: string;

  @ApiPropertyOptional({ enum: USER_STATUSES })
  @IsOptional()
  @IsIn(USER_STATUSES)
  status?: UserStatus;

  @ApiPropertyOptional({ description: 'Users carrying this label (whole value)' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  label?: string;

  @ApiPropertyOptional({ enum: SIGNALS, description: 'Users with this signal in the last 30 days (as their risk counts it)' })
  @IsOptional()
  @IsIn(SIGNALS)
  signal?: Signal;

  @ApiPropertyOptional({ description: 'Users seen on this domain' })
  @IsOptional()
  @IsString()
  @MaxLength(253)
  domain?: string;

  @ApiPropertyOptional({ enum: SORTS, default: 'lastSeen', description: 'Descending unless `order=asc`' })
  @IsOptional()
  @IsIn(SORTS)
  sort?: UserSort;
}

/** An export takes the list's filters, sort and order; it has no pages and reads one tenant. */
export class UsersExportQueryDto extends OmitType(UsersQueryDto, ['limit', 'cursor', 'allTenants'] as const) {}
