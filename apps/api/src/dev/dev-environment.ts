import type { INestApplication } from '@nestjs/common';
import { DEV_ISSUER_TOKEN, type DevIssuer } from '#libs/auth/src/index.js';
import { TenantDatabase } from '#libs/database/src/index.js';

export const DEMO_TENANT_ID = 'demo';
export const DEMO_OWNER_ID = 'user_demo_owner';

/**
 * Development conveniences, never run with NODE_ENV=production: the `demo` tenant with a dev owner,
 * and a ready-to-use bearer token printed with an example call.
 */
export async function prepareDevelopmentEnvironment(app: INestApplication, baseUrl: string, embeddedUrl?: string): Promise<void> {
  const db = app.get(TenantDatabase);
  await db.runAsTenant(DEMO_TENANT_ID, async () => {
    await db.query(`INSERT INTO tenants (id, name, allowed_origins) VALUES ($1, 'Demo', ARRAY['http://localhost:3000']) ON CONFLICT (id) DO NOTHING`, [
      DEMO_TENANT_ID,
    ]);
    await db.query(
      `INSERT INTO memberships (tenant_id, user_id, role, email) VALUES ($1, $2, 'owner', 'owner@demo.test') ON CONFLICT DO NOTHING`,
      [DEMO_TENANT_ID, DEMO_OWNER_ID],
    );
  });
  const issuer = app.get<DevIssuer | null>(DEV_ISSUER_TOKEN);
  const lines = [''];
  if (embeddedUrl) lines.push(`Embedded database: ${embeddedUrl}`);
  if (issuer) {
    const token = issuer.sign(DEMO_OWNER_ID, { email: 'owner@demo.test' });
    lines.push(
      `Dev bearer token (owner of tenant "${DEMO_TENANT_ID}", valid 12 h; more with: npm run cli -- token:dev --sub <id>):`,
      token,
      '',
      'Try it:',
      `  curl -s ${baseUrl}/v1/members -H "Authorization: Bearer ${token}" -H "X-Organization-Id: ${DEMO_TENANT_ID}"`,
    );
  }
  console.log(lines.join('\n'));
}
