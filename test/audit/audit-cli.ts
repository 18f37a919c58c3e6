import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { TEST_AUDIT_HMAC_KEY } from '../support/test-app.js';

const run = promisify(execFile);

/** Runs the built operator CLI's audit:verify with only the settings it needs. */
export async function cliVerify(databaseUrl: string, args: string[], env: Record<string, string> = { AUDIT_HMAC_KEY: TEST_AUDIT_HMAC_KEY }) {
  try {
    const { stdout, stderr } = await run('node', ['dist/apps/cli/src/main.js', 'audit:verify', ...args], {
      env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl, ...env },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}
