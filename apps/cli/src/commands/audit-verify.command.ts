import { readFile } from 'node:fs/promises';
import pg from 'pg';
import {
  type ChainVerdict,
  checkpointKeyFromDatabase,
  CheckpointClaims,
  InvalidCheckpointError,
  type Query,
  readCheckpoint,
  verifyChain,
} from '#libs/audit/src/index.js';
import type { CliCommand } from '../main.js';

const MIN_KEY_LENGTH = 32;

/**
 * Reads the database directly and exits non-zero naming the first bad seq. Needs only DATABASE_URL and
 * AUDIT_HMAC_KEY; a checkpoint's signature is checked against the service keys the database holds.
 */
export const auditVerifyCommand: CliCommand = {
  description: "Verifies a tenant's audit hash chain (or the platform chain with --platform), and with --checkpoint that it still holds that head.",
  usage: '--tenant <id> | --platform [--checkpoint <file>]',
  options: { tenant: { type: 'string' }, platform: { type: 'boolean' }, checkpoint: { type: 'string' } },
  async run(values) {
    const url = process.env.DATABASE_URL;
    const key = process.env.AUDIT_HMAC_KEY;
    const problems = [
      ...(url ? [] : ['DATABASE_URL is required (npm start prints the embedded database URL)']),
      ...(key && key.length >= MIN_KEY_LENGTH ? [] : [`AUDIT_HMAC_KEY (at least ${MIN_KEY_LENGTH} characters) is required: the key the API runs with`]),
    ];
    const tenantId = values.platform ? null : values.tenant;
    if (tenantId === undefined || tenantId === true || tenantId === '') problems.push('--tenant <id> or --platform is required');
    if (problems.length > 0) {
      console.error(problems.join('\n'));
      return 2;
    }
    const chain = tenantId === null ? 'platform chain' : `tenant ${tenantId as string}`;
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => undefined);
    await client.connect();
    try {
      // Operators read every chain: the explicit cross-tenant setting, for roles subject to RLS.
      await client.query(`SELECT set_config('app.cross_tenant', 'on', false)`);
      const query: Query = async <T>(sql: string, params: unknown[]) => (await client.query(sql, params)).rows as T[];
      let checkpoint: CheckpointClaims | undefined;
      if (typeof values.checkpoint === 'string') {
        const jws = (await readFile(values.checkpoint, 'utf8')).trim();
        try {
          checkpoint = await readCheckpoint(jws, tenantId as string | null, (kid) => checkpointKeyFromDatabase(query, kid));
        } catch (error) {
          if (!(error instanceof InvalidCheckpointError)) throw error;
          console.error(`Checkpoint ${values.checkpoint} is not valid for the ${chain}: ${error.message}`);
          return 2;
        }
      }
      return report(chain, await verifyChain(query, key!, tenantId as string | null, checkpoint), checkpoint);
    } finally {
      await client.end();
    }
  },
};

function report(chain: string, verdict: ChainVerdict, checkpoint: CheckpointClaims | undefined): number {
  if (verdict.valid) {
    const against = checkpoint ? `, and holds the checkpoint at seq ${checkpoint.seq}` : '';
    console.log(`Audit chain of ${chain} is valid: ${verdict.rows} rows${against}`);
    return 0;
  }
  console.error(`Audit chain of ${chain} is BROKEN: first bad seq ${verdict.firstBadSeq} (${verdict.reason})`);
  return 1;
}
