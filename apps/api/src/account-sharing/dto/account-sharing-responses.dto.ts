import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { count, dateTime, PageOf, TENANT_ID_ON_CROSS_TENANT_READS } from '#libs/http/src/index.js';

export class FlaggedUserDto {
  @ApiPropertyOptional(TENANT_ID_ON_CROSS_TENANT_READS) tenantId?: string;
  @ApiProperty() userId: string;
  @ApiProperty({ type: [String], description: 'Fingerprints its incidents name' }) fingerprints: string[];
  @ApiProperty(count()) incidentCount: number;
  @ApiProperty(dateTime()) lastIncidentAt: string;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'The latest 20 incidents’ evidence: fingerprints within one window, or overlapping sessions and their distance',
  })
  evidence: Array<Record<string, unknown>>;
}

export class SharingTotalsDto {
  @ApiProperty(count('Flagged users (dismissed incidents do not flag)')) users: number;
  @ApiProperty(count('Distinct fingerprints named by account-sharing evidence over the window, whatever its triage')) fingerprints: number;
}

export class TenantSharingTotalsDto extends SharingTotalsDto {
  @ApiProperty() tenantId: string;
}

export class AccountSharingPageDto extends PageOf(FlaggedUserDto) {
  @ApiProperty({ type: SharingTotalsDto }) totals: SharingTotalsDto;
  @ApiPropertyOptional({ type: [TenantSharingTotalsDto], description: 'Across tenants (superadmin, `allTenants=true`) only' })
  byTenant?: TenantSharingTotalsDto[];
}
