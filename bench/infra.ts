// What the bench runs on: a PostgreSQL server and (when one can be had) a Kafka broker, each
// started here only when the environment does not name one, and stopped again afterwards.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { tmpdir } from 'node:os';

const root = path.resolve(__dirname, '..');

/** Shared with the tests' global setup; an ES module, so imported dynamically from this CommonJS file. */
const throwaway = () => import('../packages/testing/throwaway-postgres.mjs');

export const freePort = async (): Promise<number> => (await throwaway()).freePort();

export interface Postgres {
  serverUrl: string;
  /** Embedded only: the postmaster, whose children are the backends serving the stack. */
  postmasterPid?: number;
  describe: string;
  stop(): Promise<void>;
}

/** DATABASE_URL when set; otherwise a throw-away embedded server, configured as the tests' one is. */
export async function startPostgres(): Promise<Postgres> {
  if (process.env.DATABASE_URL) {
    return { serverUrl: process.env.DATABASE_URL, describe: 'DATABASE_URL', stop: async () => undefined };
  }
  const { server, databaseDir, serverUrl } = await (await throwaway()).startThrowawayPostgres('bench');
  const postmasterPid = Number(readFileSync(path.join(databaseDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  let stopped = false;
  // Should the bench leave before stop(), the server and its data must not outlive it.
  process.once('exit', () => {
    const script = `kill -INT ${postmasterPid}; while kill -0 ${postmasterPid} 2>/dev/null; do sleep 0.2; done; rm -rf '${databaseDir}'`;
    if (!stopped) spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' }).unref();
  });
  return {
    serverUrl,
    postmasterPid,
    describe: 'embedded PostgreSQL 17 (fsync=off, as in tests)',
    async stop() {
      stopped = true;
      await server.stop(); // and, not being persistent, deletes its data
    },
  };
}

export interface Kafka {
  brokers?: string[];
  /** Why there is no broker, when there is none. */
  skipReason?: string;
  describe: string;
  stop(): Promise<void>;
}

const hasCommand = (name: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/**
 * KAFKA_BROKERS when set; otherwise a broker of our own via scripts/kafka.sh. It gets its own data
 * dir and ports, so a broker someone else's test run started is neither reused nor stopped.
 */
export async function startKafka(): Promise<Kafka> {
  const given = process.env.KAFKA_BROKERS?.split(',').map((b) => b.trim()).filter(Boolean);
  if (given?.length) return { brokers: given, describe: 'KAFKA_BROKERS', stop: async () => undefined };
  const none = (skipReason: string): Kafka => ({ skipReason, describe: 'none', stop: async () => undefined });
  if (!hasCommand('java') || !hasCommand('mvn')) return none('no Kafka broker: KAFKA_BROKERS unset and java or mvn missing');

  const dataDir = mkdtempSync(path.join(tmpdir(), 'crm-bench-kafka-'));
  const env = { ...process.env, KAFKA_DATA_DIR: dataDir, KAFKA_PORT: String(await freePort()), KAFKA_CONTROLLER_PORT: String(await freePort()) };
  // A process group of its own: Ctrl-C on the bench must not reach the broker; the bench stops it,
  // and removes its data, itself, also when it dies early (then without waiting for it).
  const bash = (script: string) =>
    new Promise<string>((resolve, reject) => {
      const child = spawn('bash', ['-c', script], { env, cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(Object.assign(new Error(`exit code ${code}`), { stderr }))));
    });
  const stopScript = 'scripts/kafka.sh stop >/dev/null 2>&1; rm -rf "$KAFKA_DATA_DIR"';
  let stopped = false;
  const stop = () => ((stopped = true), bash(stopScript).then(() => undefined, () => undefined));
  process.once('exit', () => {
    if (!stopped) spawn('bash', ['-c', stopScript], { env, cwd: root, detached: true, stdio: 'ignore' }).unref();
  });
  try {
    const stdout = await bash('scripts/kafka.sh start');
    const brokers = stdout.match(/KAFKA_BROKERS=(\S+)/)![1]!.split(',');
    return { brokers, describe: `own broker (scripts/kafka.sh, ${brokers.join(',')})`, stop };
  } catch (error) {
    await stop();
    const stderr = (error as { stderr?: string }).stderr?.trim().split('\n').slice(-3).join(' | ');
    return none(`scripts/kafka.sh start failed: ${stderr || String(error)}`);
  }
}

const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU seconds used so far by a PostgreSQL server: the postmaster, its exited children (reaped, so
 * in its cutime/cstime) and its live ones (Linux /proc).
 */
export function postgresCpuSeconds(postmasterPid: number): number | undefined {
  let ticks = 0;
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      } catch {
        continue; // exited meanwhile
      }
      // Fields after "(comm)": state ppid ... utime(12th) stime(13th) cutime(14th) cstime(15th).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
      if (Number(entry) === postmasterPid) ticks += fields[11]! + fields[12]! + fields[13]! + fields[14]!;
      else if (fields[1] === postmasterPid) ticks += fields[11]! + fields[12]!;
    }
  } catch {
    return undefined; // no /proc
  }
  return ticks / clockTicks;
}
