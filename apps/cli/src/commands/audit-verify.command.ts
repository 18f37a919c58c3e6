import pg from 'pg';
import { verifyChain } from '#libs/audit/src/verify-chain.js';
import type { CliCommand } from '../main.js';

/** Reads the database directly (only DATABASE_URL is needed) and exits non-zero naming the first bad seq. */
export const auditVerifyCommand: CliCommand = {
  description: "Verifies a tenant's audit hash chain (or the platform chain with --platform).",
  usage: '--tenant <id> | --platform',
  options: { tenant: { type: 'string' }, platform: { type: 'boolean' } },
  async run(values) {
    const url = process.env.DATABASE_URL;
    if (!url) {
      console.error('DATABASE_URL is required (npm start prints the embedded database URL)');
      return 2;
    }
    const tenantId = values.platform ? null : values.tenant;
    if (tenantId === undefined || tenantId === true || tenantId === '') {
      console.error('--tenant <id> or --platform is required');
      return 2;
    }
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => undefined);
    await client.connect();
    try {
      // Operators read every chain: the explicit cross-tenant setting, for roles subject to RLS.
      await client.query(`SELECT set_config('app.cross_tenant', 'on', false)`);
      const verdict = await verifyChain(async <T>(sql: string, params: unknown[]) => (await client.query(sql, params)).rows as T[], tenantId as string | null);
      const chain = tenantId === null ? 'platform chain' : `tenant ${tenantId}`;
      if (verdict.valid) {
        console.log(`Audit chain of ${chain} is valid: ${verdict.rows} rows`);
        return 0;
      }
      console.error(`Audit chain of ${chain} is BROKEN: first bad seq ${verdict.firstBadSeq}`);
      return 1;
    } finally {
      await client.end();
    }
  },
};
