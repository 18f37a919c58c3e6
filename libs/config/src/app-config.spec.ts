import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { ConfigError, loadConfig } from './app-config.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.isProduction).toBe(false);
    expect(config.platformJwt.algorithms).toEqual(['RS256', 'ES256']);
    expect(config.corsAllowedOrigins).toEqual(['http://localhost:3000']);
    expect(config.migrationsRun).toBe(true);
    expect(config.trustProxy).toBe(0);
    expect(config.databasePoolSize).toBe(30);
  });

  it('lists every bad variable by name in one error', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      ADMIN_API_KEY: 'short',
      PLATFORM_JWT_ALGORITHMS: 'RS256,HS256',
      MIGRATIONS_RUN: 'maybe',
      REDIS_URL: 'localhost:6379',
      DATABASE_POOL_SIZE: '2',
    });
    const named = ['PORT', 'ADMIN_API_KEY', 'PLATFORM_JWT_ALGORITHMS', 'MIGRATIONS_RUN', 'REDIS_URL', 'DATABASE_POOL_SIZE'];
    for (const name of named) expect(problems.some((problem) => problem.startsWith(name))).toBe(true);
    expect(problems).toHaveLength(named.length);
  });

  it('never echoes a secret value in its message', () => {
    const secret = 'not-long-enough-secret';
    let message = '';
    try {
      loadConfig({ INTERNAL_API_SECRET: secret });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/INTERNAL_API_SECRET/);
    expect(message).not.toContain(secret);
  });

  it('requires the production settings when NODE_ENV=production', () => {
    const problems = problemsOf({ NODE_ENV: 'production', PLATFORM_JWKS_URL: 'http://idp.example.com/jwks.json' });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^DATABASE_URL/),
        expect.stringMatching(/^AUDIT_HMAC_KEY is required/),
        expect.stringMatching(/^WEBHOOK_ENCRYPTION_KEY is required/),
        expect.stringMatching(/^SERVICE_JWT_PRIVATE_KEY/),
        expect.stringMatching(/^PLATFORM_JWKS_URL must use https/),
        expect.stringMatching(/^PLATFORM_JWT_ISSUER/),
        expect.stringMatching(/^PLATFORM_JWT_AUDIENCE or PLATFORM_JWT_AUTHORIZED_PARTIES/),
      ]),
    );
  });

  it('allows private outbound addresses outside production only, and refuses the setting in production', () => {
    expect(loadConfig({}).outboundAllowPrivate).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test', OUTBOUND_ALLOW_PRIVATE: 'false' }).outboundAllowPrivate).toBe(false);
    expect(problemsOf({ NODE_ENV: 'production', OUTBOUND_ALLOW_PRIVATE: 'true' })).toContain(
      'OUTBOUND_ALLOW_PRIVATE may not be true when NODE_ENV=production (tenant URLs would reach internal addresses)',
    );
    expect(problemsOf({ NODE_ENV: 'production', OUTBOUND_ALLOW_PRIVATE: 'false' }).some((problem) => problem.startsWith('OUTBOUND'))).toBe(false);
    expect(problemsOf({ OUTBOUND_ALLOW_PRIVATE: 'yes' })).toEqual(['OUTBOUND_ALLOW_PRIVATE must be true or false']);
  });

  it('upgrades well-known IdP JWKS URLs to https and keeps loopback as given', () => {
    expect(loadConfig({ PLATFORM_JWKS_URL: 'http://foo.clerk.accounts.dev/.well-known/jwks.json' }).platformJwt.jwksUrl).toBe(
      'https://foo.clerk.accounts.dev/.well-known/jwks.json',
    );
    expect(loadConfig({ PLATFORM_JWKS_URL: 'http://127.0.0.1:4000/jwks' }).platformJwt.jwksUrl).toBe('http://127.0.0.1:4000/jwks');
  });

  it('rejects CORS entries that are not bare origins', () => {
    expect(problemsOf({ CORS_ALLOWED_ORIGINS: 'https://ok.example.com,https://bad.example.com/path' })).toEqual([
      'CORS_ALLOWED_ORIGINS: "https://bad.example.com/path" is not an origin (scheme://host[:port])',
    ]);
  });

  it('accepts only an EC P-256 SERVICE_JWT_PRIVATE_KEY, with escaped newlines too', () => {
    const pem = (type: 'ec' | 'rsa', namedCurve?: string) =>
      (type === 'ec' ? generateKeyPairSync('ec', { namedCurve: namedCurve! }) : generateKeyPairSync('rsa', { modulusLength: 2048 })).privateKey
        .export({ type: 'pkcs8', format: 'pem' })
        .toString();
    const p256 = pem('ec', 'P-256');
    expect(loadConfig({ SERVICE_JWT_PRIVATE_KEY: p256.replace(/\n/g, '\\n') }).serviceJwtPrivateKey).toBe(p256);
    const message = 'SERVICE_JWT_PRIVATE_KEY must be an EC P-256 private key in PEM (it signs ES256 service JWTs)';
    expect(problemsOf({ SERVICE_JWT_PRIVATE_KEY: pem('rsa') })).toEqual([message]);
    expect(problemsOf({ SERVICE_JWT_PRIVATE_KEY: pem('ec', 'P-384') })).toEqual([message]);
    expect(problemsOf({ SERVICE_JWT_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\\nAAAA\\n-----END PRIVATE KEY-----' })).toEqual([message]);
    expect(problemsOf({ SERVICE_JWT_PRIVATE_KEY: 'not a pem' })).toEqual(['SERVICE_JWT_PRIVATE_KEY must be a PEM private key']);
  });
});
