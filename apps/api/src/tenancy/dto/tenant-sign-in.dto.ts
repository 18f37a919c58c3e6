import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, registerDecorator, ValidateIf } from 'class-validator';
import { JWT_ALGORITHMS } from '#libs/config/src/environment.js';
import type { JwtAlgorithm } from '#libs/config/src/index.js';

/** Roles a claim may grant. Owners are named by membership rows only, so a tenant's IdP can never lock them out or mint new ones. */
export const CLAIM_ROLES = ['admin', 'editor', 'viewer'] as const;
export const ROLE_STRATEGIES = ['membership', 'claim'] as const;
export type RoleStrategyName = (typeof ROLE_STRATEGIES)[number];
const MAX_ROLE_MAP_ENTRIES = 100;
const NO_SPACE = /^\S+$/;
const CLAIM_PATH = /^[^\s.]+(\.[^\s.]+)*$|^https?:\/\/\S+$/;

/** A map from claim values to roles: at most 100 entries, each value one of CLAIM_ROLES. */
function IsRoleMap() {
  const problem = (value: unknown): string | undefined => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return 'roleMap must be an object from claim values to roles';
    const entries = Object.entries(value);
    if (entries.length === 0 || entries.length > MAX_ROLE_MAP_ENTRIES) return `roleMap must have 1 to ${MAX_ROLE_MAP_ENTRIES} entries`;
    const long = entries.find(([key]) => key.length === 0 || key.length > 256);
    if (long) return 'roleMap keys must be 1 to 256 characters';
    const bad = entries.find(([, role]) => !(CLAIM_ROLES as readonly unknown[]).includes(role));
    return bad ? `roleMap.${bad[0]} must be one of ${CLAIM_ROLES.join(', ')} (owners come from membership rows only)` : undefined;
  };
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isRoleMap',
      target: object.constructor,
      propertyName,
      validator: { validate: (value: unknown) => problem(value) === undefined, defaultMessage: (args) => problem(args?.value) ?? 'roleMap is invalid' },
    });
}

/**
 * An IdP that a development instance can register as it is: its JWKS is the service's own key set
 * (GET /.well-known/jwks.json), and loopback URLs are allowed outside production.
 */
export const EXAMPLE_TENANT_IDP = { issuer: 'https://idp.example.com', jwksUrl: 'http://localhost:3000/.well-known/jwks.json', algorithms: ['ES256'] };

/** Clerk session tokens (v2): the organization's id in `o.id`, the member's role in `o.rol`. */
export const EXAMPLE_ROLE_STRATEGY = { strategy: 'claim', roleClaim: 'o.rol', orgClaim: 'o.id', roleMap: { 'org:admin': 'admin', 'org:member': 'viewer' } };

export class PutTenantIdpDto {
  @ApiProperty({ maxLength: 2048, example: 'https://acme.clerk.accounts.dev', description: "The `iss` of the IdP's tokens, exactly as they carry it" })
  @IsString()
  @MaxLength(2048)
  @Matches(NO_SPACE, { message: 'issuer must not be empty or contain spaces' })
  issuer: string;

  @ApiProperty({
    maxLength: 2048,
    example: 'https://acme.clerk.accounts.dev/.well-known/jwks.json',
    description: 'Fetched once before saving; https:// only in production, never an internal address',
  })
  @IsString()
  @MaxLength(2048)
  @Matches(/^https?:\/\/\S+$/, { message: 'jwksUrl must be an http(s) URL' })
  jwksUrl: string;

  @ApiPropertyOptional({ maxLength: 512, description: 'Required `aud`, when the IdP sets one (Auth0: the API identifier)' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  @Matches(NO_SPACE, { message: 'audience must not be empty or contain spaces' })
  audience?: string;

  @ApiPropertyOptional({ type: [String], example: ['https://dashboard.acme.com'], description: 'Accepted `azp` values (Clerk tokens carry `azp`)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(512, { each: true })
  authorizedParties?: string[];

  @ApiPropertyOptional({ type: [String], enum: JWT_ALGORITHMS, default: ['RS256', 'ES256'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(JWT_ALGORITHMS, { each: true })
  algorithms?: JwtAlgorithm[];
}

export class TenantIdpDto {
  @ApiProperty({ example: 'https://acme.clerk.accounts.dev' }) issuer: string;
  @ApiProperty({ example: 'https://acme.clerk.accounts.dev/.well-known/jwks.json' }) jwksUrl: string;
  @ApiPropertyOptional({ type: String, nullable: true }) audience: string | null;
  @ApiProperty({ type: [String], example: ['https://dashboard.acme.com'] }) authorizedParties: string[];
  @ApiProperty({ type: [String], enum: JWT_ALGORITHMS, example: ['RS256'] }) algorithms: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class PutRoleStrategyDto {
  @ApiProperty({ enum: ROLE_STRATEGIES, example: 'claim', description: 'membership: roles from the members list; claim: from the token' })
  @IsIn(ROLE_STRATEGIES)
  strategy: RoleStrategyName;

  @ApiPropertyOptional({ maxLength: 256, example: 'o.rol', description: 'Claim path of the role (Clerk v2 `o.rol`, v1 `org_role`); required for claim' })
  @ValidateIf((dto: PutRoleStrategyDto) => dto.strategy === 'claim' || dto.roleClaim !== undefined)
  @IsString()
  @MaxLength(256)
  @Matches(CLAIM_PATH, { message: 'roleClaim must be a dotted claim path or a namespaced claim URL' })
  roleClaim?: string;

  @ApiPropertyOptional({
    maxLength: 256,
    example: 'o.id',
    description: 'Claim path that must equal the tenant id (Clerk v2 `o.id`, v1 `org_id`); required for claim',
  })
  @ValidateIf((dto: PutRoleStrategyDto) => dto.strategy === 'claim' || dto.orgClaim !== undefined)
  @IsString()
  @MaxLength(256)
  @Matches(CLAIM_PATH, { message: 'orgClaim must be a dotted claim path or a namespaced claim URL' })
  orgClaim?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', enum: [...CLAIM_ROLES] },
    example: { admin: 'admin', member: 'viewer' },
    description: 'Role claim value → role; unmapped values get no role; required for claim',
  })
  @ValidateIf((dto: PutRoleStrategyDto) => dto.strategy === 'claim' || dto.roleMap !== undefined)
  @IsRoleMap()
  roleMap?: Record<string, string>;
}

export class RoleStrategyDto {
  @ApiProperty({ enum: ROLE_STRATEGIES }) strategy: RoleStrategyName;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'o.rol' }) roleClaim: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'o.id' }) orgClaim: string | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, nullable: true, example: { admin: 'admin', member: 'viewer' } })
  roleMap: Record<string, string> | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}
