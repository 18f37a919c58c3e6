import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { APP_VERSION } from './version.js';

/** Swagger UI at /docs and the OpenAPI 3 document at /docs-json, with every credential the API accepts. */
export function setupSwagger(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Admin API')
      .setDescription(
        'Multi-tenant admin and analytics API for the device-fingerprint fraud platform. ' +
          'Dashboard calls: "Authorize" with a bearer JWT and the X-Organization-Id of the tenant. ' +
          'Machines: X-API-Key (sk_/pk_) or a service JWT from POST /v1/auth/token. Operators: X-Admin-API-Key.',
      )
      .setVersion(APP_VERSION)
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'IdP JWT (dashboard) or service JWT (machines)' }, 'bearer')
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Organization-Id', description: 'The tenant to act on (alias X-Tenant-Id)' }, 'organization')
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'A secret (sk_) or publishable (pk_) API token' }, 'api-key')
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Admin-API-Key', description: 'The platform admin key (ADMIN_API_KEY)' }, 'admin-key')
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Internal-Secret', description: 'Gateway secret for /internal/validate' }, 'internal-secret')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    swaggerOptions: { persistAuthorization: true },
  });
}
