import { AsyncLocalStorage } from 'node:async_hooks';

const storage = new AsyncLocalStorage<string>();

/**
 * Carries the W3C `traceparent` of the request being served, so events recorded while serving it
 * name the trace they belong to without every service passing it along by hand.
 */
export function runWithTraceparent<T>(traceparent: string | undefined, work: () => T): T {
  return traceparent ? storage.run(traceparent, work) : work();
}

export const currentTraceparent = (): string | undefined => storage.getStore();
