import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ERROR_CATALOGUE_MARKDOWN, ERROR_CODES, ErrorBodyDto } from '#libs/http/src/index.js';
import { APP_VERSION } from './version.js';

/** One tag per module, in the order Swagger UI lists them. */
const TAGS: Array<[name: string, description: string]> = [
  ['users', 'End users seen in events: risk, status, labels, metadata'],
  ['fingerprints', 'Fingerprints and domainprints'],
  ['events', 'Ingestion (SDK and machines), the event list and the pipeline'],
  ['analytics', 'Fraud stats, identity graph, attribution, account sharing'],
  ['incidents', 'Signal incidents and their triage'],
  ['tenancy', 'The tenant, its settings and members'],
  ['tokens', 'API tokens of the tenant'],
  ['audit', 'The tenant’s tamper-evident audit trail'],
  ['webhooks', 'Signed deliveries of the tenant’s events to its own endpoints'],
  ['jobs', 'Background jobs of the tenant (retention) and where they stand'],
  ['auth', 'Service JWTs for machines and the keys that verify them'],
  ['platform', 'Tenants across the platform'],
  ['internal', 'The API gateway’s token check'],
  ['health', 'Liveness and readiness'],
];

/**
 * The OpenAPI 3 document of every route, with every credential the API accepts. Built from the controllers'
 * metadata alone, so it needs no database (see `openapi/openapi-document.ts`).
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Admin API')
    .setDescription(
      'Multi-tenant admin and analytics API for the device-fingerprint fraud platform. ' +
        'Dashboard calls: "Authorize" with a bearer JWT and the X-Organization-Id of the tenant. ' +
        'Machines: X-API-Key (sk_/pk_) or a service JWT from POST /v1/auth/token. Operators: X-Admin-API-Key.\n\n' +
        'Errors share one body (`ErrorBody`) whose `code` is one of:\n' +
        ERROR_CATALOGUE_MARKDOWN,
    )
    .setVersion(APP_VERSION)
    // Relative: "Try it out" calls the server that serves the document, wherever it runs.
    .addServer('/', 'The server serving this document')
    .addServer('http://localhost:3000', 'Local development (npm start)')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'IdP JWT (dashboard) or service JWT (machines)' }, 'bearer')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Organization-Id', description: 'The tenant to act on (alias X-Tenant-Id)' }, 'organization')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'A secret (sk_) or publishable (pk_) API token' }, 'api-key')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Admin-API-Key', description: 'The platform admin key (ADMIN_API_KEY)' }, 'admin-key')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Internal-Secret', description: 'Gateway secret for /internal/validate' }, 'internal-secret');
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build(), { extraModels: [ErrorBodyDto] });
  // The catalogue on the enum itself too, in the extension generators that know it turn into doc comments.
  const errorCode = document.components?.schemas?.ErrorCode;
  if (errorCode) Object.assign(errorCode, { description: 'The error catalogue', 'x-enum-descriptions': Object.values(ERROR_CODES) });
  return document;
}

/** Swagger UI at /docs and the OpenAPI 3 document at /docs-json. */
export function setupSwagger(app: INestApplication): void {
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs-json',
    swaggerOptions: { persistAuthorization: true },
  });
}
