import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Logger } from '@crm/platform';
import type { RequestServerOptions } from './start-local-stack';

/** How long a request server may take to come up: it opens five databases and builds six schemas. */
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

/** What a request server process is told to do (over its IPC channel, so the keys stay off the command line and environment). */
export interface RequestServerOrder {
  options: RequestServerOptions;
}

/** The message a request server sends once it is listening. */
export const REQUEST_SERVER_READY = 'ready';

function startOne(order: RequestServerOrder, logger: Logger): Promise<ChildProcess> {
  const child = fork(path.join(__dirname, 'request-server.main.js'), [], { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`request server ${child.pid} did not start within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    child.once('message', (message) => {
      clearTimeout(timer);
      if (message === REQUEST_SERVER_READY) resolve(child);
      else reject(new Error(`request server ${child.pid} failed to start: ${JSON.stringify(message)}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`request server ${child.pid} exited with ${code} while starting`));
    });
    child.send(order);
    logger.debug({ pid: child.pid }, 'request server starting');
  });
}

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));

/**
 * `count` more processes answering the local stack's ports, so requests use every core. Each one
 * exits when this process does, even when this one is killed outright (its IPC channel closes).
 */
export async function startRequestServers(count: number, order: RequestServerOrder, logger: Logger): Promise<{ stop(): Promise<void> }> {
  const children = await Promise.all(Array.from({ length: count }, () => startOne(order, logger)));
  return {
    async stop() {
      for (const child of children) child.kill('SIGTERM');
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS).unref());
      await Promise.race([Promise.all(children.map(exited)), timeout]);
      for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
