import type { Logger } from 'pino';
import type { Role } from '../auth';
import type { Scope } from '../scope';
import type { JobRecord } from './job-record.entity';

export interface JobRetry {
  /** Further tries after the first fails. */
  limit: number;
  delaySeconds: number;
  /** Doubles the delay after each failure. */
  backoff: boolean;
}

/** One run of a job, as its `run` sees it. */
export interface JobRun<P> {
  /** This run's id: what `Job.id` shows, and what a record the run works for can point at. */
  id: string;
  /** A fresh unit of work; the actor is whoever started the run by hand, or null for a scheduled tick. */
  scope: Scope;
  payload: P;
  /** The scheduled instant this run is for (a cron tick), or null for a run started by hand. */
  tick: Date | null;
  /** Reports how far the run is; shown as `Job.progress` / `Job.total`. */
  progress(done: number, total?: number): Promise<void>;
  logger: Logger;
}

/**
 * A scheduled rule or a long task of a module (PLT-3). Runs go through pg-boss, so they survive
 * restarts, retry with back-off and are spread over the replicas; a scheduled tick is enqueued
 * exactly once however many replicas run (see JobScheduler).
 */
export interface JobDefinition<P = unknown> {
  /** `module.rule`, e.g. `session.purge_expired`: the pg-boss queue name and `Job.kind`. */
  kind: string;
  /** A five-field cron expression read in Asia/Shanghai, e.g. `0 3 * * *` for 03:00 every day. */
  schedule?: string;
  /** Roles that may start a run by hand through `run<Subgraph>Job`; nobody when absent. */
  startableBy?: readonly Role[];
  /** At most one run of this kind at a time, across replicas (default true). */
  singleton?: boolean;
  retry?: JobRetry;
  /** Checks a hand-started run's payload (throw an InputException); scheduled runs get `{}`. */
  parsePayload?(input: unknown): P;
  run(job: JobRun<P>): Promise<void>;
}

export const defineJob = <P>(job: JobDefinition<P>): JobDefinition<P> => job;

/**
 * Starts a run of one of the subgraph's jobs on behalf of the request's actor, for a mutation that
 * prepares some work and hands it to a job (an import). The job's own `startableBy` still applies.
 */
export type StartJob = (kind: string, payload: unknown) => Promise<JobRecord>;
