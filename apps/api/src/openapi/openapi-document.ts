import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { loadConfig } from '#libs/config/src/index.js';
import { AppModule } from '../app.module.js';
import { buildOpenApiDocument } from '../swagger.js';

/** Never contacted: in preview mode Nest reads the modules' metadata without creating any provider. */
const UNUSED_DATABASE_URL = 'postgres://preview.invalid/unused';

/**
 * The document the running app serves at /docs-json, built without a database or a network: Nest's preview
 * mode resolves the module graph and controllers but instantiates nothing.
 */
export async function createOpenApiDocument(): Promise<OpenAPIObject> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    AUDIT_HMAC_KEY: 'openapi-document-only-0123456789abcdef',
    WEBHOOK_ENCRYPTION_KEY: Buffer.alloc(32).toString('base64'),
  });
  const app = await NestFactory.create(AppModule.forRoot(config, UNUSED_DATABASE_URL), { preview: true, logger: false });
  try {
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}
