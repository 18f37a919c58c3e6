import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { count, dateTime, PageOf, TENANT_ID_ON_CROSS_TENANT_READS } from '#libs/http/src/index.js';
import { RISK_LEVELS, type RiskLevel, SIGNALS, type Signal } from '../../signals/risk.js';

export class RiskLevelCountsDto {
  @ApiProperty(count()) low: number;
  @ApiProperty(count()) medium: number;
  @ApiProperty(count()) high: number;
  @ApiProperty(count()) critical: number;
}

export class SignalCountsDto {
  @ApiProperty(count()) impossible_travel: number;
  @ApiProperty(count()) device_shared: number;
  @ApiProperty(count()) account_sharing: number;
  @ApiProperty(count()) velocity: number;
}

export class RiskyUserDto {
  @ApiPropertyOptional(TENANT_ID_ON_CROSS_TENANT_READS) tenantId?: string;
  @ApiProperty() userId: string;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100 }) riskScore: number;
  @ApiProperty({ enum: RISK_LEVELS, enumName: 'RiskLevel' }) riskLevel: RiskLevel;
  @ApiProperty({ enum: SIGNALS, enumName: 'Signal', isArray: true }) signals: Signal[];
}

export class PlaceDto {
  @ApiProperty() lat: number;
  @ApiProperty() lon: number;
  @ApiProperty({ type: String, nullable: true }) city: string | null;
  @ApiProperty({ type: String, nullable: true }) country: string | null;
  @ApiProperty(dateTime()) at: string;
}

export class ImpossibleTravelDto {
  @ApiPropertyOptional(TENANT_ID_ON_CROSS_TENANT_READS) tenantId?: string;
  @ApiProperty() userId: string;
  @ApiProperty({ type: PlaceDto }) from: PlaceDto;
  @ApiProperty({ type: PlaceDto }) to: PlaceDto;
  @ApiProperty({ description: 'Haversine distance' }) km: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Implied speed; null when both events have the same time' }) kmh: number | null;
}

export class FraudStatsDto {
  @ApiProperty({ type: RiskLevelCountsDto, description: 'Users per risk level' }) riskLevels: RiskLevelCountsDto;
  @ApiProperty({ type: SignalCountsDto, description: 'Users per signal' }) signals: SignalCountsDto;
  @ApiProperty({ type: [RiskyUserDto] }) topRiskyUsers: RiskyUserDto[];
  @ApiProperty({ type: [ImpossibleTravelDto] }) impossibleTravel: ImpossibleTravelDto[];
}

export class TenantFraudCountsDto {
  @ApiProperty() tenantId: string;
  @ApiProperty({ type: RiskLevelCountsDto }) riskLevels: RiskLevelCountsDto;
  @ApiProperty({ type: SignalCountsDto }) signals: SignalCountsDto;
}

export class FraudStatsAcrossTenantsDto {
  @ApiProperty({ type: FraudStatsDto }) total: FraudStatsDto;
  @ApiProperty({ type: [TenantFraudCountsDto], description: 'Each tenant’s counts, in tenant id order' }) byTenant: TenantFraudCountsDto[];
}

export class GraphNodeDto {
  @ApiPropertyOptional(TENANT_ID_ON_CROSS_TENANT_READS) tenantId?: string;
  @ApiProperty({ description: 'The raw userId, fingerprint or domainprint' }) id: string;
  @ApiProperty({ enum: ['user', 'fingerprint', 'domainprint'], enumName: 'GraphNodeType' }) type: 'user' | 'fingerprint' | 'domainprint';
}

export class GraphEdgeDto {
  @ApiPropertyOptional(TENANT_ID_ON_CROSS_TENANT_READS) tenantId?: string;
  @ApiProperty() from: string;
  @ApiProperty({ enum: ['user'] }) fromType: 'user';
  @ApiProperty() to: string;
  @ApiProperty({ enum: ['fingerprint', 'domainprint'] }) toType: 'fingerprint' | 'domainprint';
  @ApiProperty(count()) eventCount: number;
}

export class IdentityGraphDto {
  @ApiProperty({ type: [GraphNodeDto], description: 'Unique by (type, id); at most 500' }) nodes: GraphNodeDto[];
  @ApiProperty({ type: [GraphEdgeDto] }) edges: GraphEdgeDto[];
  @ApiProperty({ description: 'The graph was cut at 500 nodes' }) truncated: boolean;
}

export class IdentityClusterDto {
  @ApiPropertyOptional(TENANT_ID_ON_CROSS_TENANT_READS) tenantId?: string;
  @ApiProperty(count('Users in the cluster')) size: number;
  @ApiProperty({ type: [String], description: 'At most 100' }) users: string[];
  @ApiProperty({ type: [String], description: 'At most 100' }) fingerprints: string[];
  @ApiProperty({ type: [String], description: 'At most 100' }) domainprints: string[];
  @ApiProperty(count()) fingerprintCount: number;
  @ApiProperty(count()) domainprintCount: number;
}

export const IdentityClusterPageDto = PageOf(IdentityClusterDto);
