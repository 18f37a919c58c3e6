import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { count, dateTime, PageOf, TENANT_ID_ON_CROSS_TENANT_READS } from '#libs/http/src/index.js';
import { EventPageDto } from './event-responses.dto.js';

export class FingerprintDto {
  @ApiPropertyOptional(TENANT_ID_ON_CROSS_TENANT_READS) tenantId?: string;
  @ApiProperty() fingerprint: string;
  @ApiProperty(count('Distinct users seen with it')) userCount: number;
  @ApiProperty(count()) eventCount: number;
  @ApiProperty({ type: [String] }) domains: string[];
  @ApiProperty(dateTime()) firstSeen: string;
  @ApiProperty(dateTime()) lastSeen: string;
  @ApiProperty({ description: 'Seen with more than one user' }) collision: boolean;
}

export const FingerprintPageDto = PageOf(FingerprintDto);

export class DomainprintDto {
  @ApiPropertyOptional(TENANT_ID_ON_CROSS_TENANT_READS) tenantId?: string;
  @ApiProperty() domainprint: string;
  @ApiProperty(count()) userCount: number;
  @ApiProperty(count()) fingerprintCount: number;
  @ApiProperty(count()) eventCount: number;
  @ApiProperty({ type: [String] }) domains: string[];
  @ApiProperty({ description: 'Seen on more than one domain' }) crossDomain: boolean;
  @ApiProperty(dateTime()) firstSeen: string;
  @ApiProperty(dateTime()) lastSeen: string;
}

export const DomainprintPageDto = PageOf(DomainprintDto);

export class RelatedUserDto {
  @ApiProperty() userId: string;
  @ApiProperty(count('Events of this user with the print')) eventCount: number;
  @ApiProperty(dateTime()) firstSeen: string;
  @ApiProperty(dateTime()) lastSeen: string;
}

export class FingerprintDetailDto extends OmitType(FingerprintDto, ['tenantId'] as const) {
  @ApiProperty({ type: [RelatedUserDto], description: 'The most recent 100 users' }) users: RelatedUserDto[];
  @ApiProperty({ type: EventPageDto, description: 'Newest first, paged by limit/cursor' }) events: InstanceType<typeof EventPageDto>;
}

export class DomainprintFingerprintDto {
  @ApiProperty() fingerprint: string;
  @ApiProperty(dateTime()) firstSeen: string;
}

export class DomainprintDetailDto extends OmitType(DomainprintDto, ['tenantId'] as const) {
  @ApiProperty({ type: [RelatedUserDto], description: 'The most recent 100 users' }) users: RelatedUserDto[];
  @ApiProperty({ type: [DomainprintFingerprintDto], description: 'The most recent 100 fingerprints' }) fingerprints: DomainprintFingerprintDto[];
  @ApiProperty({ type: EventPageDto, description: 'Newest first, paged by limit/cursor' }) events: InstanceType<typeof EventPageDto>;
}
