import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { count, dateTime, PageOf, TENANT_ID_ON_CROSS_TENANT_READS } from '#libs/http/src/index.js';
import { EventPageDto } from '../../fingerprints/dto/event-responses.dto.js';
import { RISK_LEVELS, type RiskLevel, SIGNALS, type Signal } from '../../signals/risk.js';
import { type UserListItem, USER_STATUSES, type UserStatus } from '../user.types.js';

export class UserDto implements UserListItem {
  @ApiPropertyOptional(TENANT_ID_ON_CROSS_TENANT_READS) tenantId?: string;
  @ApiProperty() userId: string;
  @ApiProperty(count()) eventCount: number;
  @ApiProperty(count()) fingerprintCount: number;
  @ApiProperty({ type: [String] }) domains: string[];
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100, description: 'Sum of the weights of the signals of the last 30 days, at most 100' })
  riskScore: number;
  @ApiProperty({ enum: RISK_LEVELS, enumName: 'RiskLevel' }) riskLevel: RiskLevel;
  @ApiProperty({ enum: SIGNALS, enumName: 'Signal', isArray: true, description: 'Signals with an incident in the last 30 days' }) signals: Signal[];
  @ApiProperty(dateTime()) firstSeen: string;
  @ApiProperty(dateTime()) lastSeen: string;
  @ApiProperty({ enum: USER_STATUSES, enumName: 'UserStatus' }) status: UserStatus;
  @ApiProperty({ type: [String] }) labels: string[];
}

export const UserPageDto = PageOf(UserDto);

export class EventsByTypeDto {
  @ApiProperty(count()) page_view: number;
  @ApiProperty(count()) login: number;
  @ApiProperty(count()) signup: number;
  @ApiProperty(count()) purchase: number;
  @ApiProperty(count()) custom: number;
}

export class UserStatsDto {
  @ApiProperty(count()) eventCount: number;
  @ApiProperty({ type: EventsByTypeDto }) eventsByType: EventsByTypeDto;
  @ApiProperty(count()) fingerprintCount: number;
  @ApiProperty(count()) domainprintCount: number;
  @ApiProperty(count()) domainCount: number;
  @ApiProperty(dateTime()) firstSeen: string;
  @ApiProperty(dateTime()) lastSeen: string;
}

export class UserFingerprintDto {
  @ApiProperty() fingerprint: string;
  @ApiProperty(count('Events of this user with the fingerprint')) eventCount: number;
  @ApiProperty(count('Users seen with the fingerprint')) userCount: number;
  @ApiProperty(dateTime()) firstSeen: string;
  @ApiProperty(dateTime()) lastSeen: string;
}

export class UserDomainprintDto {
  @ApiProperty() domainprint: string;
  @ApiProperty(count('Events of this user with the domainprint')) eventCount: number;
  @ApiProperty({ type: [String] }) domains: string[];
  @ApiProperty(dateTime()) firstSeen: string;
  @ApiProperty(dateTime()) lastSeen: string;
}

export class SignalEvidenceDto {
  @ApiProperty({ enum: SIGNALS, enumName: 'Signal' }) signal: Signal;
  @ApiProperty(dateTime('The first event of the incident')) startedAt: string;
  @ApiProperty(dateTime('The event that raised it')) occurredAt: string;
  @ApiProperty(dateTime('When the pipeline detected it')) detectedAt: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What the signal saw (distances, fingerprints, users...)' })
  evidence: Record<string, unknown>;
}

export class UserDetailDto extends OmitType(UserDto, ['tenantId'] as const) {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Free-form, set with PATCH (deep-merged)' }) metadata: Record<string, unknown>;
  @ApiProperty({ type: UserStatsDto }) stats: UserStatsDto;
  @ApiProperty({ type: [UserFingerprintDto], description: 'The most recent 100' }) fingerprints: UserFingerprintDto[];
  @ApiProperty({ type: [UserDomainprintDto], description: 'The most recent 100' }) domainprints: UserDomainprintDto[];
  @ApiProperty({ type: [SignalEvidenceDto], description: 'Signal incidents, the most recent 100' }) incidents: SignalEvidenceDto[];
  @ApiProperty({ type: EventPageDto, description: 'Newest first, paged by limit/cursor' }) recentEvents: InstanceType<typeof EventPageDto>;
}
