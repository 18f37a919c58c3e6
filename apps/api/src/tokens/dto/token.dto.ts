import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, registerDecorator, ValidateIf } from 'class-validator';
import { TOKEN_SCOPES, type TokenScope } from '#libs/auth/src/index.js';
import { PageOf } from '#libs/http/src/index.js';
import { TOKEN_KINDS, type TokenKind } from '../token.types.js';

export const MAX_GRACE_SECONDS = 604_800;

/** An array of known scopes; the message names the unknown ones. */
function AreKnownScopes() {
  const known: readonly string[] = TOKEN_SCOPES;
  const unknownIn = (value: unknown): unknown[] => (Array.isArray(value) ? value.filter((scope) => !known.includes(scope as string)) : []);
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'areKnownScopes',
      target: object.constructor,
      propertyName,
      validator: {
        validate: (value: unknown) => Array.isArray(value) && value.length > 0 && unknownIn(value).length === 0,
        defaultMessage: (args) => {
          const value = args?.value as unknown;
          const unknown = unknownIn(value);
          if (!Array.isArray(value) || value.length === 0) return `${propertyName} must be a non-empty array of: ${known.join(', ')}`;
          return `${propertyName}: unknown scope ${unknown.map((scope) => JSON.stringify(scope)).join(', ')} (known: ${known.join(', ')})`;
        },
      },
    });
}

export class CreateTokenDto {
  @ApiProperty({ maxLength: 200, example: 'Checkout backend' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: TOKEN_KINDS, description: 'secret (sk_, server side) or publishable (pk_, SDK: events:write only)' })
  @IsIn(TOKEN_KINDS)
  kind: TokenKind;

  @ApiPropertyOptional({ type: [String], enum: TOKEN_SCOPES, description: 'Required for secret tokens; publishable tokens carry exactly events:write' })
  @ValidateIf((dto: CreateTokenDto) => dto.kind !== 'publishable' || dto.scopes !== undefined)
  @IsArray()
  @AreKnownScopes()
  scopes?: TokenScope[];

  @ApiPropertyOptional({ format: 'date-time', description: 'When the token stops working; never when absent' })
  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt?: string;
}

export class RotateTokenDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: MAX_GRACE_SECONDS, default: 0, description: 'How long the old secret keeps working' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_GRACE_SECONDS)
  graceSeconds?: number;
}

export class ApiTokenDto {
  @ApiProperty({ example: 'tok_3q2S0VbXk9mWq7cF1aB2cD' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: TOKEN_KINDS }) kind: string;
  @ApiProperty({ example: 'sk_AbCdEfGh', description: 'The first characters of the secret, for recognition' }) prefix: string;
  @ApiProperty({ type: [String], enum: TOKEN_SCOPES }) scopes: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ description: 'Who created it (user id, or admin-api-key)' }) createdBy: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null: no expiry' }) expiresAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Updated every few seconds, not per request' }) lastUsedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt: string | null;
}

export const TokenPageDto = PageOf(ApiTokenDto, 'TokenPageDto');

export class CreatedTokenDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'The plaintext token. Shown this once: it is stored only as a hash.' }) token: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: TOKEN_KINDS }) kind: string;
  @ApiProperty() prefix: string;
  @ApiProperty({ type: [String], enum: TOKEN_SCOPES }) scopes: string[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null: no expiry' }) expiresAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class RotatedTokenDto extends CreatedTokenDto {
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the previous secret stops working' })
  previousTokenExpiresAt: string | null;
}
