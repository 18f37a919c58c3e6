import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, validateSync } from 'class-validator';

export const JWT_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'EdDSA'] as const;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const BOOLEAN = /^(true|false|1|0)$/i;
const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const blankToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/** The raw environment as SPEC §2 defines it; each decorator names one rule a variable must meet. */
export class EnvironmentVariables {
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @Transform(blankToUndefined)
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV?: string;

  @IsOptional()
  @Transform(blankToUndefined)
  @Matches(/^https?:\/\/\S+$/, { message: 'PLATFORM_JWKS_URL must be an http(s) URL' })
  PLATFORM_JWKS_URL?: string;

  @IsOptional()
  @Transform(blankToUndefined)
  @IsString()
  PLATFORM_JWT_ISSUER?: string;

  @IsOptional()
  @Transform(blankToUndefined)
  @IsString()
  PLATFORM_JWT_AUDIENCE?: string;

  @IsOptional()
  @IsString()
  PLATFORM_JWT_AUTHORIZED_PARTIES?: string;

  @IsOptional()
  @Matches(new RegExp(`^(${JWT_ALGORITHMS.join('|')})(\\s*,\\s*(${JWT_ALGORITHMS.join('|')}))*$`), {
    message: `PLATFORM_JWT_ALGORITHMS must be a comma-separated subset of ${JWT_ALGORITHMS.join(', ')}`,
  })
  PLATFORM_JWT_ALGORITHMS?: string;

  @IsOptional()
  @IsString()
  PLATFORM_SUPER_ADMIN_IDS?: string;

  @IsOptional()
  @Transform(blankToUndefined)
  @Matches(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/, { message: 'SUPERADMIN_CLAIM must be a dotted claim path' })
  SUPERADMIN_CLAIM?: string;

  @IsOptional()
  @IsString()
  CORS_ALLOWED_ORIGINS?: string;

  @IsOptional()
  @Transform(blankToUndefined)
  @IsString()
  @MinLength(32, { message: 'ADMIN_API_KEY must be at least 32 characters' })
  ADMIN_API_KEY?: string;

  @IsOptional()
  @Transform(blankToUndefined)
  @IsString()
  @MinLength(32, { message: 'INTERNAL_API_SECRET must be at least 32 characters' })
  INTERNAL_API_SECRET?: string;

  @IsOptional()
  @Transform(blankToUndefined)
  @Matches(/-----BEGIN [A-Z ]*PRIVATE KEY-----/, { message: 'SERVICE_JWT_PRIVATE_KEY must be a PEM private key' })
  SERVICE_JWT_PRIVATE_KEY?: string;

  @IsOptional()
  @Transform(blankToUndefined)
  @IsString()
  @MinLength(32, { message: 'AUDIT_HMAC_KEY must be at least 32 characters' })
  AUDIT_HMAC_KEY?: string;

  @IsOptional()
  @Transform(blankToUndefined)
  @Matches(/^[A-Za-z0-9+/_-]{43}=?$/, { message: 'WEBHOOK_ENCRYPTION_KEY must be 32 bytes in base64 (44 characters)' })
  WEBHOOK_ENCRYPTION_KEY?: string;

  @IsOptional()
  @Matches(BOOLEAN, { message: 'MIGRATIONS_RUN must be true or false' })
  MIGRATIONS_RUN?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10)
  TRUST_PROXY?: number;

  @IsOptional()
  @Matches(BOOLEAN, { message: 'WORKER must be true or false' })
  WORKER?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  EVENT_BACKLOG_MAX?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(4)
  @Max(500)
  DATABASE_POOL_SIZE?: number;

  @IsOptional()
  @Transform(blankToUndefined)
  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL?: string;

  @IsOptional()
  @Matches(BOOLEAN, { message: 'OUTBOUND_ALLOW_PRIVATE must be true or false' })
  OUTBOUND_ALLOW_PRIVATE?: string;

  @IsOptional()
  @IsIn(LOG_LEVELS)
  LOG_LEVEL?: string;

  @IsOptional()
  @IsString()
  @MaxLength(4096)
  DATA_DIR?: string;
}

export function validateEnvironment(env: NodeJS.ProcessEnv): { variables: EnvironmentVariables; problems: string[] } {
  const variables = plainToInstance(EnvironmentVariables, { ...env }, { excludeExtraneousValues: false });
  const problems = validateSync(variables, { skipMissingProperties: false, forbidUnknownValues: false, stopAtFirstError: true }).flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) => (message.startsWith(error.property) ? message : `${error.property}: ${message}`)),
  );
  return { variables, problems };
}
