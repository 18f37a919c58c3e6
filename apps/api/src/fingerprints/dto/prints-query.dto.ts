import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { AllTenantsQueryDto, OrderQueryDto, PageQueryDto } from '#libs/http/src/index.js';

export class FingerprintsQueryDto extends IntersectionType(PageQueryDto, AllTenantsQueryDto, OrderQueryDto) {
  @ApiPropertyOptional({ type: 'boolean', description: 'Only fingerprints seen with more than one user' })
  @IsOptional()
  @IsIn(['true', 'false'])
  collisionsOnly?: 'true' | 'false';
}

export class DomainprintsQueryDto extends IntersectionType(PageQueryDto, AllTenantsQueryDto) {
  @ApiPropertyOptional({ type: 'boolean', description: 'Only domainprints seen on more than one domain' })
  @IsOptional()
  @IsIn(['true', 'false'])
  crossDomainOnly?: 'true' | 'false';
}
