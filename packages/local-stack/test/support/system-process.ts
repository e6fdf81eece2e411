import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

/** The repository root, where the README's `./crm` lives. */
export const repoRoot = path.resolve(__dirname, '../../../..');

const KEPT_LINES = 200;

/**
 * `./crm start` as a user runs it, in a process group of its own (bash → npm → turbo build → node),
 * so the whole group can be killed at once, as a power cut or the OOM killer would.
 */
export class SystemProcess {
  private readonly child: ChildProcess;
  private readonly lines: string[] = [];
  /** Every warning or error the system logged (pino levels 40+), kept apart from the tail. */
  readonly warnings: string[] = [];
  private readonly exitListeners: (() => void)[] = [];
  private exit?: { code: number | null; signal: NodeJS.Signals | null };

  private constructor(
    readonly label: string,
    env: Record<string, string>,
  ) {
    this.child = spawn('./crm', ['start'], {
      cwd: repoRoot,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...userEnvironment(), ...env },
    });
    this.capture('stdout', this.child.stdout!);
    this.capture('stderr', this.child.stderr!);
    this.child.on('exit', (code, signal) => {
      this.exit = { code, signal };
      this.exitListeners.splice(0).forEach((listener) => listener());
    });
  }

  /** Starts `./crm start` with these variables on top of this process's environment. */
  static start(label: string, env: Record<string, string>): SystemProcess {
    return new SystemProcess(label, env);
  }

  get pid(): number {
    return this.child.pid!;
  }

  get exited(): boolean {
    return this.exit !== undefined;
  }

  /** Resolves with the gateway URL the banner announces, once it says `CRM is up`. */
  waitUntilUp(timeoutMs: number): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        clearInterval(poll);
        reject(new Error(`${this.label}: no "CRM is up" after ${timeoutMs} ms\n${this.tail()}`));
      }, timeoutMs);
      const poll = setInterval(() => {
        const banner = this.lines.find((line) => line.includes('CRM is up:'));
        if (banner) {
          clearInterval(poll);
          clearTimeout(timer);
          resolve(banner.slice(banner.indexOf('CRM is up:') + 'CRM is up:'.length).trim().replace('localhost', '127.0.0.1'));
        } else if (this.exit) {
          clearInterval(poll);
          clearTimeout(timer);
          reject(new Error(`${this.label}: exited (code ${this.exit.code}, signal ${this.exit.signal}) before "CRM is up"\n${this.tail()}`));
        }
      }, 100);
    });
  }

  /** SIGKILL to every process of the group; resolves once the group leader is gone. */
  async kill(): Promise<void> {
    if (!this.exit || groupAlive(this.pid)) {
      try {
        process.kill(-this.pid, 'SIGKILL');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
      }
    }
    await this.waitForExit();
    // The node process is a grandchild: make sure nothing of the group is left running.
    for (let i = 0; i < 50 && groupAlive(this.pid); i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
  }

  /** Ctrl-C's way out (SIGTERM to the group, so consumers leave their groups), then SIGKILL if it hangs. */
  async stop(graceMs = 20_000): Promise<void> {
    if (!this.exit || groupAlive(this.pid)) {
      try {
        process.kill(-this.pid, 'SIGTERM');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
      }
      const deadline = Date.now() + graceMs;
      while (groupAlive(this.pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await this.kill();
  }

  /** How many warnings and errors of each message the system logged, e.g. `3× batch failed; …`. */
  warningSummary(): string {
    const counts = new Map<string, number>();
    for (const line of this.warnings) {
      const message = /"msg":"([^"]*)"/.exec(line)?.[1] ?? line.slice(0, 120);
      counts.set(message, (counts.get(message) ?? 0) + 1);
    }
    return [...counts].map(([message, n]) => `${n}× ${message}`).join('; ') || 'none';
  }

  /** The last lines the system printed, for failure messages. */
  tail(count = 60): string {
    return [`--- last ${Math.min(count, this.lines.length)} lines of ${this.label} (pid ${this.pid}) ---`, ...this.lines.slice(-count)].join('\n');
  }

  private waitForExit(): Promise<void> {
    if (this.exit) return Promise.resolve();
    return new Promise((resolve) => this.exitListeners.push(resolve));
  }

  private capture(stream: string, readable: NodeJS.ReadableStream): void {
    let partial = '';
    readable.setEncoding('utf8');
    readable.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        this.lines.push(`[${stream}] ${line}`);
        if (/"level":[4-6]0\b/.test(line) && this.warnings.length < 1_000) this.warnings.push(line);
      }
      if (this.lines.length > KEPT_LINES) this.lines.splice(0, this.lines.length - KEPT_LINES);
    });
  }
}

/** This process's environment less what jest adds (NODE_ENV=test, its worker id): what a user's shell has. */
function userEnvironment(): NodeJS.ProcessEnv {
  const { NODE_ENV: _nodeEnv, JEST_WORKER_ID: _worker, ...rest } = process.env;
  return rest;
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A base port in 20000–40000 whose next `count - 1` ports are free too (the gateway and five subgraphs). */
export async function freePortRange(count = 6): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const base = 20_000 + Math.floor(Math.random() * (20_000 - count));
    let free = true;
    for (let port = base; port < base + count && free; port += 1) free = await portFree(port);
    if (free) return base;
  }
  throw new Error('no run of free ports found in 20000-40000');
}
