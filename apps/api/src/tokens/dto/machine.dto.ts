import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { TOKEN_KINDS } from '../token.types.js';

export const MAX_CREDENTIAL_LENGTH = 4096;

/** The OpenAPI shape of the gateway's body; TokenBodyPipe enforces it on that hot path. */
export class ValidateTokenDto {
  @ApiProperty({ description: 'An API token (sk_/pk_) or a service JWT from POST /v1/auth/token', minLength: 1, maxLength: MAX_CREDENTIAL_LENGTH })
  token: string;
}

export class ExchangeTokenDto {
  @ApiProperty({ description: 'A secret API token (sk_...)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_CREDENTIAL_LENGTH)
  apiKey: string;
}

export class ValidTokenDto {
  @ApiProperty({ enum: [true] }) valid: true;
  @ApiProperty() tenantId: string;
  @ApiProperty() tokenId: string;
  @ApiProperty({ enum: TOKEN_KINDS }) kind: string;
  @ApiProperty({ type: [String] }) scopes: string[];
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'When this credential stops working; null = no expiry' })
  expiresAt: string | null;
}

export class InvalidTokenDto {
  @ApiProperty({ enum: [false] }) valid: false;
  @ApiProperty({ enum: ['unknown', 'revoked', 'expired'] }) reason: string;
}

export class ServiceTokenDto {
  @ApiProperty({ description: 'ES256 JWT: iss admin-api, sub the API token id, tid its tenant, scope its scopes' }) token: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';
  @ApiProperty({ example: 3600, description: 'Seconds; 3600 unless the API token expires sooner' }) expiresIn: number;
}
