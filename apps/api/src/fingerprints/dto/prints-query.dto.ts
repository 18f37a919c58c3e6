import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { AllTenantsQueryDto, LastSeenWindowQueryDto, OrderQueryDto, PageQueryDto } from '#libs/http/src/index.js';
import type { FingerprintSort } from '../prints.repository.js';

const FINGERPRINT_SORTS: FingerprintSort[] = ['lastSeen', 'userCount', 'eventCount'];

export class FingerprintsQueryDto extends IntersectionType(PageQueryDto, AllTenantsQueryDto, OrderQueryDto, LastSeenWindowQueryDto) {
  @ApiPropertyOptional({ type: 'boolean', description: 'Only fingerprints seen with more than one user' })
  @IsOptional()
  @IsIn(['true', 'false'])
  collisionsOnly?: 'true' | 'false';

  @ApiPropertyOptional({ description: 'fingerprint prefix' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  q?: string;

  @ApiPropertyOptional({ enum: FINGERPRINT_SORTS, default: 'lastSeen', description: 'Descending unless `order=asc`' })
  @IsOptional()
  @IsIn(FINGERPRINT_SORTS)
  sort?: FingerprintSort;
}

export class DomainprintsQueryDto extends IntersectionType(PageQueryDto, AllTenantsQueryDto) {
  @ApiPropertyOptional({ type: 'boolean', description: 'Only domainprints seen on more than one domain' })
  @IsOptional()
  @IsIn(['true', 'false'])
  crossDomainOnly?: 'true' | 'false';
}
