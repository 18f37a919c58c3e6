import 'dotenv/config';
import { parseArgs } from 'node:util';
import { auditVerifyCommand } from './commands/audit-verify.command.js';
import { seedCommand } from './commands/seed.command.js';
import { tokenDevCommand } from './commands/token-dev.command.js';
import { workerCommand } from './commands/worker.command.js';

export interface CliCommand {
  description: string;
  usage: string;
  options: NonNullable<Parameters<typeof parseArgs>[0]>['options'];
  run(values: Record<string, string | boolean | undefined>): number | Promise<number>;
}

/** Operator commands. Each validates only the settings it uses. */
const COMMANDS: Record<string, CliCommand> = {
  'audit:verify': auditVerifyCommand,
  seed: seedCommand,
  'token:dev': tokenDevCommand,
  worker: workerCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    console.error(`Usage: npm run cli -- <command> [options]\n\nCommands:`);
    for (const [commandName, { usage, description }] of Object.entries(COMMANDS)) console.error(`  ${commandName} ${usage}\n      ${description}`);
    return name ? 2 : 0;
  }
  const { values } = parseArgs({ args: rest, options: command.options, strict: true });
  return command.run(values);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
