import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

// Real servers and real kills: what `./crm start` meets after a crash.
const repoRoot = path.resolve(__dirname, '../../..');
const modulePath = path.resolve(__dirname, '../src/embedded-postgres.ts');
const baseDirs: string[] = [];
const children: ChildProcess[] = [];

afterAll(() => {
  // A failed test may leave processes behind: ours, and servers of our own temporary folders.
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const base of baseDirs) {
    const pid = postmasterPid(path.join(base, 'postgres'));
    if (pid !== undefined) signal(pid, 'SIGKILL');
    rmSync(base, { recursive: true, force: true });
  }
});

function newDataDir(): string {
  const base = mkdtempSync(path.join(tmpdir(), 'crm-embedded-pg-'));
  // Under root the server runs as the `postgres` user, which must reach into mkdtemp's 0700 folder.
  chmodSync(base, 0o755);
  baseDirs.push(base);
  return path.join(base, 'postgres');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function postmasterPid(dataDir: string): number | undefined {
  try {
    return Number.parseInt(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8'), 10);
  } catch {
    return undefined;
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

interface Started {
  child: ChildProcess;
  serverUrl: string;
  /** What the process printed so far. */
  output(): string;
  /** Stops postgres through its handle and waits for the process to end. */
  stop(): Promise<number | null>;
}

/**
 * `startEmbeddedPostgres` in a node process (and process group) of its own, as `./crm start` runs it.
 * The restarts run like this too, not in the test itself: jest's module system cannot load
 * embedded-postgres, an ES module, without --experimental-vm-modules.
 */
async function startInChild(dataDir: string, port: number): Promise<Started> {
  const script = `require(${JSON.stringify(modulePath)}).startEmbeddedPostgres(process.argv[1], Number(process.argv[2])).then(
    (postgres) => {
      console.log('ready ' + postgres.serverUrl);
      process.stdin.on('end', () => postgres.stop().then(() => process.exit(0))).resume();
    },
    (error) => { console.error(String(error)); process.exit(1); },
  );`;
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', script, dataDir, String(port)], {
    cwd: repoRoot,
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const serverUrl = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /^ready (\S+)$/m.exec(output);
      if (ready) resolve(ready[1]!);
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => reject(new Error(`exited (${code}) before postgres was up:\n${output}`)));
  });
  return {
    child,
    serverUrl,
    output: () => output,
    stop: () => {
      child.stdin!.end();
      return exited;
    },
  };
}

async function killHard(child: ChildProcess, target: number): Promise<void> {
  const exited = new Promise((resolve) => child.on('exit', resolve));
  process.kill(target, 'SIGKILL');
  await exited;
}

async function selectOne(serverUrl: string): Promise<number> {
  const client = new Client({ connectionString: `${serverUrl}/postgres` });
  await client.connect();
  try {
    const { rows } = await client.query<{ one: number }>('select 1 as one');
    return rows[0]!.one;
  } finally {
    await client.end();
  }
}

/** Starts on the same data directory and port, serves a query, and stops cleanly. */
async function expectRestartServes(dataDir: string, port: number): Promise<Started> {
  const postgres = await startInChild(dataDir, port);
  try {
    expect(await selectOne(postgres.serverUrl)).toBe(1);
  } finally {
    expect(await postgres.stop()).toBe(0);
  }
  expect(postmasterPid(dataDir)).toBeUndefined();
  return postgres;
}

describe('startEmbeddedPostgres after a crash', () => {
  it('stops the server a kill -9 of its process left running, then starts again', async () => {
    const dataDir = newDataDir();
    const port = await freePort();
    const first = await startInChild(dataDir, port);
    const leftover = postmasterPid(dataDir);

    await killHard(first.child, first.child.pid!);
    expect(await selectOne(first.serverUrl)).toBe(1);

    const second = await expectRestartServes(dataDir, port);
    expect(second.output()).toContain(`(pid ${leftover}) left running`);
  }, 60_000);

  it('starts over a postmaster.pid whose server died with its process', async () => {
    const dataDir = newDataDir();
    const port = await freePort();
    const first = await startInChild(dataDir, port);
    const dead = postmasterPid(dataDir);

    // The whole process group, postgres included: a power cut or the OOM killer.
    await killHard(first.child, -first.child.pid!);
    // The stale lock file names the dead server; the start must not be stopped by it.
    expect(postmasterPid(dataDir)).toBe(dead);
    expect(dead).toBeGreaterThan(0);

    await expectRestartServes(dataDir, port);
  }, 60_000);

  it('says why a start failed, in postgres own words', async () => {
    const port = await freePort();
    // Every address, so postgres can bind neither 127.0.0.1 nor ::1.
    const blocker: Server = await new Promise((resolve) => {
      const server = createServer().listen(port, () => resolve(server));
    });
    try {
      const failure: Error = await startInChild(newDataDir(), port).then(
        () => new Error('started on a port that is taken'),
        (error: Error) => error,
      );
      expect(failure.message).toContain(`did not start`);
      expect(failure.message).toContain(`port ${port}`);
      expect(failure.message).toMatch(/could not bind .* Address already in use/);
      expect(failure.message).not.toContain('undefined');
    } finally {
      blocker.close();
    }
  }, 60_000);
});
