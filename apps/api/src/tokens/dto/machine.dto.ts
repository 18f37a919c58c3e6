import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { TOKEN_KINDS } from '../token.types.js';

export const MAX_CREDENTIAL_LENGTH = 4096;

/** Request examples cannot carry a live secret: this stands where the caller pastes one (a test swaps in a real one). */
export const SECRET_TOKEN_PLACEHOLDER = 'sk_paste_a_secret_token_from_POST_v1_tokens';

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
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When this credential stops working; null = no expiry' })
  expiresAt: string | null;
}

export class InvalidTokenDto {
  @ApiProperty({ enum: [false] }) valid: false;
  @ApiProperty({ enum: ['unknown', 'revoked', 'expired'] }) reason: 'unknown' | 'revoked' | 'expired';
}

export class ServiceTokenDto {
  @ApiProperty({ description: 'ES256 JWT: iss admin-api, sub the API token id, tid its tenant, scope its scopes' }) token: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';
  @ApiProperty({ type: 'integer', example: 3600, description: 'Seconds; 3600 unless the API token expires sooner' }) expiresIn: number;
}

export class JwkDto {
  @ApiProperty({ enum: ['EC'] }) kty: string;
  @ApiProperty({ enum: ['P-256'] }) crv: string;
  @ApiProperty() x: string;
  @ApiProperty() y: string;
  @ApiProperty({ description: 'The key id JWT headers name' }) kid: string;
  @ApiProperty({ enum: ['ES256'] }) alg: string;
  @ApiProperty({ enum: ['sig'] }) use: string;
}

export class JwksDto {
  @ApiProperty({ type: [JwkDto], description: 'The current key first, then the previous one while it may still verify tokens' }) keys: JwkDto[];
}
