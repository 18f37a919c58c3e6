import type { INestApplication } from '@nestjs/common';
import { DEV_ISSUER_TOKEN, type DevIssuer } from '#libs/auth/src/index.js';
import { TenantDatabase } from '#libs/database/src/index.js';
import { IngestService } from '../pipeline/ingest.service.js';
import { PipelineStatusService } from '../pipeline/pipeline-status.service.js';
import { DemoSeeder } from './demo-seeder.js';

export const DEMO_TENANT_ID = 'demo';
export const DEMO_OWNER_ID = 'user_demo_owner';
/** Enough for every list and signal to show something, small enough to seed in a few seconds. */
const DEMO_EVENTS = 5_000;
const DEMO_DAYS = 14;

/**
 * Development conveniences, never run with NODE_ENV=production: the `demo` tenant with a dev owner and,
 * while it has no events yet, a small set of demo traffic; and a ready-to-use bearer token printed with
 * an example call.
 */
export async function prepareDevelopmentEnvironment(app: INestApplication, baseUrl: string, embeddedUrl?: string): Promise<void> {
  const db = app.get(TenantDatabase);
  await db.runAsTenant(DEMO_TENANT_ID, async () => {
    await db.query(`INSERT INTO tenants (id, name, allowed_origins) VALUES ($1, 'Demo', ARRAY['http://localhost:3000']) ON CONFLICT (id) DO NOTHING`, [
      DEMO_TENANT_ID,
    ]);
    await db.query(`INSERT INTO memberships (tenant_id, user_id, role, email) VALUES ($1, $2, 'owner', 'owner@demo.test') ON CONFLICT DO NOTHING`, [
      DEMO_TENANT_ID,
      DEMO_OWNER_ID,
    ]);
  });
  const seeder = new DemoSeeder(db, app.get(IngestService, { strict: false }), app.get(PipelineStatusService, { strict: false }));
  const lines = [''];
  if (!(await seeder.hasEvents(DEMO_TENANT_ID))) {
    const seeded = await seeder.seed({ tenantId: DEMO_TENANT_ID, events: DEMO_EVENTS, days: DEMO_DAYS, seed: 1 });
    lines.push(
      `Seeded the demo tenant with ${seeded.accepted} events over the last ${DEMO_DAYS} days (more: npm run cli -- seed --tenant ${DEMO_TENANT_ID} --events 100000)`,
    );
  }
  const issuer = app.get<DevIssuer | null>(DEV_ISSUER_TOKEN);
  if (embeddedUrl) lines.push(`Embedded database: ${embeddedUrl}`);
  if (issuer) {
    const token = issuer.sign(DEMO_OWNER_ID, { email: 'owner@demo.test' });
    lines.push(
      `Dev bearer token (owner of tenant "${DEMO_TENANT_ID}", valid 12 h; more with: npm run cli -- token:dev --sub <id>):`,
      token,
      '',
      'Try it:',
      `  curl -s "${baseUrl}/v1/users?sort=riskScore&limit=5" -H "Authorization: Bearer ${token}" -H "X-Organization-Id: ${DEMO_TENANT_ID}"`,
    );
  }
  console.log(lines.join('\n'));
}
