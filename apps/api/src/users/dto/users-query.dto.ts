import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { AllTenantsQueryDto, OrderQueryDto, PageQueryDto } from '#libs/http/src/index.js';
import { RISK_LEVELS, type RiskLevel } from '../../signals/risk.js';
import type { UserSort } from '../users.repository.js';

const SORTS: UserSort[] = ['lastSeen', 'riskScore', 'eventCount'];

export class UsersQueryDto extends IntersectionType(PageQueryDto, AllTenantsQueryDto, OrderQueryDto) {
  @ApiPropertyOptional({ enum: RISK_LEVELS })
  @IsOptional()
  @IsIn(RISK_LEVELS)
  riskLevel?: RiskLevel;

  @ApiPropertyOptional({ description: 'userId prefix' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  q?: string;

  @ApiPropertyOptional({ enum: SORTS, default: 'lastSeen', description: 'Descending unless `order=asc`' })
  @IsOptional()
  @IsIn(SORTS)
  sort?: UserSort;
}
