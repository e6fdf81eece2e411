// The system as a user runs it: `npm start`'s own entry point in processes of its own (the bench
// only sends requests), on a throw-away data directory. Cold start, idle cost and memory are read
// from /proc for the whole process tree: the request servers and the embedded PostgreSQL included.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './infra';
import { sleep } from './pipeline';

const MAIN = path.resolve(__dirname, '../packages/local-stack/dist/main.js');
const CLOCK_TICKS_PER_SECOND = 100; // Linux USER_HZ

export interface RunningSystem {
  gatewayUrl: string;
  serverUrl: string;
  prefix: string;
  /** From spawning the process to its "CRM is up" line. */
  startSeconds: number;
  /** Every process of the system now: node processes and PostgreSQL's. */
  processes(): { pid: number; node: boolean }[];
  stop(): Promise<void>;
}

/** Ports the gateway and the five subgraphs after it (PORT + 1 … + 5) can all take. */
async function freePortRun(): Promise<number> {
  for (;;) {
    const base = await freePort();
    if (base < 60_000) return base;
  }
}

const childrenOf = (pid: number): number[] =>
  readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid ? [Number(entry)] : [];
      } catch {
        return [];
      }
    });

function descendants(pid: number): number[] {
  const found = childrenOf(pid);
  return found.flatMap((child) => [child, ...descendants(child)]);
}

const commandOf = (pid: number): string => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
};

/** A new data directory; PostgreSQL, run as its own user where the bench runs as root, must reach it. */
function newDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'crm-bench-system-'));
  chmodSync(dir, 0o755);
  return dir;
}

/** Starts the system on a data directory (a new one unless given); resolves once it prints "CRM is up". */
export async function startSystem(dataDir = newDataDir()): Promise<RunningSystem & { dataDir: string }> {
  const port = await freePortRun();
  const postgresPort = await freePort();
  const began = performance.now();
  const child: ChildProcess = spawn(process.execPath, [MAIN], {
    env: { ...process.env, PORT: String(port), EMBEDDED_POSTGRES_PORT: String(postgresPort), CRM_DATA_DIR: dataDir, LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('CRM is up')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the system exited with ${code} before it was up:\n${output}`)));
  });
  const startSeconds = (performance.now() - began) / 1_000;
  const pid = child.pid!;
  return {
    dataDir,
    gatewayUrl: `http://127.0.0.1:${port}/graphql`,
    serverUrl: `postgres://crm:crm@127.0.0.1:${postgresPort}`,
    prefix: 'crm_',
    startSeconds,
    processes: () => [pid, ...descendants(pid)].map((p) => ({ pid: p, node: path.basename(commandOf(p).split(' ')[0] ?? '') === 'node' })),
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      await exited;
    },
  };
}

/** Proportional set size: shared pages (code, PostgreSQL's shared buffers) counted once across processes. */
const pssMb = (pid: number): number => {
  try {
    const kb = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1];
    return Number(kb ?? 0) / 1024;
  } catch {
    return 0;
  }
};

const cpuTicks = (pid: number): number => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime, stime
  } catch {
    return 0;
  }
};

export interface IdleCost {
  seconds: number;
  nodeCpuPercent: number;
  postgresCpuPercent: number;
  nodeMb: number;
  postgresMb: number;
  nodeProcesses: number;
}

/** CPU over `seconds` and memory at the end, split between node and PostgreSQL processes. */
export async function idleCost(system: RunningSystem, seconds: number): Promise<IdleCost> {
  const before = new Map(system.processes().map(({ pid }) => [pid, cpuTicks(pid)]));
  const began = performance.now();
  await sleep(seconds * 1_000);
  const elapsed = (performance.now() - began) / 1_000;
  const processes = system.processes();
  const percent = (node: boolean) =>
    (processes.filter((p) => p.node === node).reduce((sum, { pid }) => sum + cpuTicks(pid) - (before.get(pid) ?? 0), 0) / CLOCK_TICKS_PER_SECOND / elapsed) * 100;
  const memory = (node: boolean) => processes.filter((p) => p.node === node).reduce((sum, { pid }) => sum + pssMb(pid), 0);
  return {
    seconds: elapsed,
    nodeCpuPercent: percent(true),
    postgresCpuPercent: percent(false),
    nodeMb: memory(true),
    postgresMb: memory(false),
    nodeProcesses: processes.filter((p) => p.node).length,
  };
}

export const removeDataDir = (dataDir: string) => rmSync(dataDir, { recursive: true, force: true });
