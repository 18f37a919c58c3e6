import { createPrivateKey } from 'node:crypto';
import path from 'node:path';
import { developmentSecret } from './development-secret.js';
import { JWT_ALGORITHMS, validateEnvironment } from './environment.js';

export type JwtAlgorithm = (typeof JWT_ALGORITHMS)[number];

export interface AppConfig {
  port: number;
  isProduction: boolean;
  /** Unset in development: the embedded database under `dataDir` is used instead. */
  databaseUrl?: string;
  /** Database connections one instance may open, across its two pools. */
  databasePoolSize: number;
  dataDir: string;
  platformJwt: {
    jwksUrl?: string;
    issuer?: string;
    audience?: string;
    authorizedParties: string[];
    algorithms: JwtAlgorithm[];
  };
  superAdminIds: string[];
  superAdminClaim?: string;
  corsAllowedOrigins: string[];
  adminApiKey?: string;
  internalApiSecret?: string;
  serviceJwtPrivateKey?: string;
  /** Keys the audit chain's HMACs (and, through derived subkeys, other server-issued values such as cursors). */
  auditHmacKey: string;
  /** 32 bytes that seal webhook signing secrets at rest (AES-256-GCM). */
  webhookEncryptionKey: Buffer;
  migrationsRun: boolean;
  /** This process runs the event-pipeline workers (besides HTTP, unless started as a worker alone). */
  worker: boolean;
  /** Events a tenant may have accepted but not yet processed before its ingestion answers 503. */
  eventBacklogMax: number;
  trustProxy: number;
  redisUrl?: string;
  logLevel: string;
  /** Tenant-given URLs (IdP JWKS, webhooks) may point at loopback and private addresses: development and tests only. */
  outboundAllowPrivate: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

/** Hosts of well-known IdPs that only serve JWKS over TLS; a plain-http URL for them is a typo. */
const TLS_ONLY_IDP_HOST = /(^|\.)(clerk\.accounts\.dev|clerk\.com|auth0\.com|okta\.com)$/i;
const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** Reads and validates the whole environment at once; throws one ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const { variables: v, problems } = validateEnvironment(env);
  const isProduction = v.NODE_ENV === 'production';
  const jwksUrl = v.PLATFORM_JWKS_URL ? upgradeKnownIdpUrl(v.PLATFORM_JWKS_URL) : undefined;

  if (isProduction) {
    if (!v.DATABASE_URL) problems.push('DATABASE_URL is required when NODE_ENV=production');
    if (!v.SERVICE_JWT_PRIVATE_KEY) problems.push('SERVICE_JWT_PRIVATE_KEY is required when NODE_ENV=production');
    if (!v.AUDIT_HMAC_KEY) problems.push('AUDIT_HMAC_KEY is required when NODE_ENV=production');
    if (!v.WEBHOOK_ENCRYPTION_KEY) problems.push('WEBHOOK_ENCRYPTION_KEY is required when NODE_ENV=production');
    if (v.OUTBOUND_ALLOW_PRIVATE !== undefined && /^(true|1)$/i.test(v.OUTBOUND_ALLOW_PRIVATE)) {
      problems.push('OUTBOUND_ALLOW_PRIVATE may not be true when NODE_ENV=production (tenant URLs would reach internal addresses)');
    }
    if (jwksUrl) {
      const host = new URL(jwksUrl).hostname;
      if (jwksUrl.startsWith('http://') && !LOOPBACK_HOST.test(host)) {
        problems.push('PLATFORM_JWKS_URL must use https:// in production (loopback excepted)');
      }
      if (!v.PLATFORM_JWT_ISSUER) problems.push('PLATFORM_JWT_ISSUER is required in production when PLATFORM_JWKS_URL is set');
      if (!v.PLATFORM_JWT_AUDIENCE && list(v.PLATFORM_JWT_AUTHORIZED_PARTIES).length === 0) {
        problems.push('PLATFORM_JWT_AUDIENCE or PLATFORM_JWT_AUTHORIZED_PARTIES is required in production');
      }
    }
  }
  const serviceJwtPrivateKey = v.SERVICE_JWT_PRIVATE_KEY?.replace(/\\n/g, '\n');
  const keyAlreadyFlagged = problems.some((problem) => problem.startsWith('SERVICE_JWT_PRIVATE_KEY'));
  if (serviceJwtPrivateKey && !keyAlreadyFlagged && !isP256PrivateKey(serviceJwtPrivateKey)) {
    problems.push('SERVICE_JWT_PRIVATE_KEY must be an EC P-256 private key in PEM (it signs ES256 service JWTs)');
  }
  for (const origin of list(v.CORS_ALLOWED_ORIGINS)) {
    if (!isOrigin(origin)) problems.push(`CORS_ALLOWED_ORIGINS: "${origin}" is not an origin (scheme://host[:port])`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const dataDir = path.resolve(v.DATA_DIR ?? '.data');

  return {
    port: v.PORT ?? 3000,
    isProduction,
    databaseUrl: v.DATABASE_URL,
    databasePoolSize: v.DATABASE_POOL_SIZE ?? 30,
    dataDir,
    platformJwt: {
      jwksUrl,
      issuer: v.PLATFORM_JWT_ISSUER,
      audience: v.PLATFORM_JWT_AUDIENCE,
      authorizedParties: list(v.PLATFORM_JWT_AUTHORIZED_PARTIES),
      algorithms: (v.PLATFORM_JWT_ALGORITHMS ? list(v.PLATFORM_JWT_ALGORITHMS) : ['RS256', 'ES256']) as JwtAlgorithm[],
    },
    superAdminIds: list(v.PLATFORM_SUPER_ADMIN_IDS),
    superAdminClaim: v.SUPERADMIN_CLAIM,
    corsAllowedOrigins: v.CORS_ALLOWED_ORIGINS !== undefined ? list(v.CORS_ALLOWED_ORIGINS) : isProduction ? [] : ['http://localhost:3000'],
    adminApiKey: v.ADMIN_API_KEY,
    internalApiSecret: v.INTERNAL_API_SECRET,
    serviceJwtPrivateKey,
    auditHmacKey: v.AUDIT_HMAC_KEY ?? developmentSecret(dataDir, 'audit-hmac.key'),
    webhookEncryptionKey: Buffer.from(v.WEBHOOK_ENCRYPTION_KEY ?? developmentSecret(dataDir, 'webhook-encryption.key'), 'base64'),
    migrationsRun: !/^(false|0)$/i.test(v.MIGRATIONS_RUN ?? 'true'),
    worker: !/^(false|0)$/i.test(v.WORKER ?? 'true'),
    eventBacklogMax: v.EVENT_BACKLOG_MAX ?? 1_000_000,
    trustProxy: v.TRUST_PROXY ?? 0,
    redisUrl: v.REDIS_URL,
    logLevel: v.LOG_LEVEL ?? 'info',
    outboundAllowPrivate: isProduction ? false : !/^(false|0)$/i.test(v.OUTBOUND_ALLOW_PRIVATE ?? 'true'),
  };
}

export function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}

function isP256PrivateKey(pem: string): boolean {
  try {
    const key = createPrivateKey(pem);
    return key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1';
  } catch {
    return false;
  }
}

/** A JWKS URL on a well-known IdP host given as http:// is a typo for https://. */
export function upgradeKnownIdpUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol === 'http:' && TLS_ONLY_IDP_HOST.test(parsed.hostname)) parsed.protocol = 'https:';
  return parsed.toString();
}
