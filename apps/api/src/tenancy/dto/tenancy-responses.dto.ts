import { ApiProperty } from '@nestjs/swagger';
import { ROLES } from '#libs/auth/src/index.js';
import type { Role } from '#libs/database/src/index.js';
import { dateTime, PageOf } from '#libs/http/src/index.js';
import type { Member } from '../tenant.types.js';
import { TenantSettingsDto } from './tenant-settings.dto.js';

export class TenantDto {
  @ApiProperty({ example: 'org_2abcDEF' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [String], description: 'Origins (`scheme://host[:port]`) publishable keys may send events from' }) allowedOrigins: string[];
  @ApiProperty({ type: TenantSettingsDto, description: 'The settings set so far (defaults apply to the rest)' }) settings: TenantSettingsDto;
  @ApiProperty(dateTime()) createdAt: string;
  @ApiProperty(dateTime()) updatedAt: string;
}

export class MemberDto implements Member {
  @ApiProperty({ description: 'The IdP subject' }) userId: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role' }) role: Role;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty(dateTime()) createdAt: string;
  @ApiProperty(dateTime()) updatedAt: string;
}

export const MemberPageDto = PageOf(MemberDto);

export class TenantMembershipDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role', description: "The caller's role (platform operators: owner)" }) role: string;
}

export const TenantMembershipPageDto = PageOf(TenantMembershipDto);
