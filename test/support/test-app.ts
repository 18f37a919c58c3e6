import type { Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import pg from 'pg';
import supertest from 'supertest';
import { createApp } from '../../apps/api/src/create-app.js';
import { loadConfig } from '../../libs/config/src/index.js';
import { adminQuery, withDatabase } from '../setup/test-database.js';
import { TEST_AUDIENCE, TEST_ISSUER, TestIssuer } from './test-issuer.js';

export const ADMIN_API_KEY = 'test-admin-key-0123456789abcdef0123456789';
export const INTERNAL_API_SECRET = 'test-internal-secret-0123456789abcdef0123';

export interface TestDatabase {
  url: string;
  /** Runs SQL as the server's superuser (fixtures, tampering, inspection), bypassing the app entirely. */
  sql<T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

/** A fresh database cloned from the migrated template: each suite gets its own. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_SERVER_URL!;
  const name = `${process.env.TEST_TEMPLATE_DATABASE}_${randomBytes(4).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name} TEMPLATE ${process.env.TEST_TEMPLATE_DATABASE}`);
  const url = withDatabase(serverUrl, name);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on('error', () => undefined);
  return {
    url,
    sql: async (text, params) => (await pool.query(text, params)).rows,
    drop: async () => {
      await pool.end();
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

export interface TestApp {
  app: NestExpressApplication;
  http: ReturnType<typeof supertest>;
  issuer: TestIssuer;
  db: TestDatabase;
  close(): Promise<void>;
}

/**
 * Boots the real app (real guards, real PostgreSQL, a real JWKS issuer on loopback). `shared` lets two
 * instances run on one database; `imports` mounts test-only modules (probe routes).
 */
export const TEST_AUDIT_HMAC_KEY = 'test-audit-hmac-key-0123456789abcdef';
export const TEST_WEBHOOK_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');

export async function startTestApp(
  env: Record<string, string | undefined> = {},
  shared?: { db?: TestDatabase; issuer?: TestIssuer },
  imports: Array<Type<unknown>> = [],
): Promise<TestApp> {
  const db = shared?.db ?? (await createTestDatabase());
  const issuer = shared?.issuer ?? (await TestIssuer.start());
  const dataDir = `.data/test-run-${randomBytes(4).toString('hex')}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATA_DIR: dataDir,
    PLATFORM_JWKS_URL: issuer.jwksUrl,
    PLATFORM_JWT_ISSUER: TEST_ISSUER,
    PLATFORM_JWT_AUDIENCE: TEST_AUDIENCE,
    PLATFORM_SUPER_ADMIN_IDS: 'user_superadmin',
    ADMIN_API_KEY,
    INTERNAL_API_SECRET,
    // One key for every instance of a suite, as instances of one deployment share theirs.
    AUDIT_HMAC_KEY: TEST_AUDIT_HMAC_KEY,
    WEBHOOK_ENCRYPTION_KEY: TEST_WEBHOOK_ENCRYPTION_KEY,
    CORS_ALLOWED_ORIGINS: 'https://dashboard.example.com',
    ...env,
  });
  const app = await createApp(config, db.url, { imports });
  return {
    app,
    http: supertest(app.getHttpServer()),
    issuer,
    db,
    close: async () => {
      await app.close();
      if (!shared?.issuer) await issuer.close();
      if (!shared?.db) await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** An app in production mode (every dev convenience off) on a fresh test database. */
export function startProductionTestApp(): Promise<TestApp> {
  return startTestApp({
    NODE_ENV: 'production',
    // Required to be set in production; the test database is passed to the app directly.
    DATABASE_URL: 'postgres://unused@127.0.0.1/unused',
    SERVICE_JWT_PRIVATE_KEY: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  });
}
