import { performance } from 'node:perf_hooks';
import type { MikroORM } from '@mikro-orm/core';
import PgBoss from 'pg-boss';
import { Pool, type PoolClient } from 'pg';
import type { Logger } from 'pino';
import type { Actor } from '../auth';
import { newId } from '../database/ids';
import { platformTracer } from '../observability';
import { createScope } from '../scope';
import type { Clock } from '../time';
import type { JobDefinition } from './job-definition';
import { jobDuration, jobRuns } from './job-metrics';
import { JobRecord, type JobState } from './job-record.entity';
import { assertSchedule, latestTick, nextTick } from './cron-ticks';

export interface JobRunnerOptions {
  subgraph: string;
  orm: MikroORM;
  databaseUrl: string;
  jobs: readonly JobDefinition[];
  clock: Clock;
  logger: Logger;
  /** How often an idle worker asks pg-boss for work. */
  pollingIntervalSeconds?: number;
  /**
   * False: this runner only enqueues (runs started by hand); another process of the same
   * deployment works the queues, keeps pg-boss's maintenance and enqueues the ticks.
   */
  works?: boolean;
}

/** What travels in a pg-boss job: the run's input, never anything secret beyond the actor's claims. */
interface QueuedRun {
  payload: unknown;
  tick: string | null;
  actor: Actor | null;
}

const WAKE_AT_MOST_EVERY_MS = 60_000;
/** How often a running job says it is alive, in real time: it is about the process, not the business clock. */
const HEARTBEAT_EVERY_MS = 20_000;
/**
 * A run silent for this long by the injectable clock lost its process (a kill -9, a lost node).
 * pg-boss alone would wait out its 15-minute expiry before trying it again.
 */
const STALLED_AFTER_MS = 2 * 60_000;
const DEFAULT_RETRY = { limit: 3, delaySeconds: 30, backoff: true };

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Runs a subgraph's jobs on pg-boss. Every replica runs a JobRunner: pg-boss hands each queued run
 * to one worker, retries with back-off and keeps singletons single; the runner adds cron ticks
 * read from the injectable clock, enqueued exactly once per tick across replicas because each tick
 * is a row with a unique (kind, scheduled_for) written in the same transaction as the pg-boss job.
 */
export class JobRunner {
  private boss: PgBoss | null = null;
  private pool: Pool | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly byKind: Map<string, JobDefinition>;

  constructor(private readonly options: JobRunnerOptions) {
    this.byKind = new Map(options.jobs.map((job) => [job.kind, job]));
    for (const job of options.jobs) if (job.schedule) assertSchedule(job.kind, job.schedule);
  }

  definition(kind: string): JobDefinition | undefined {
    return this.byKind.get(kind);
  }

  get kinds(): string[] {
    return [...this.byKind.keys()];
  }

  async start(): Promise<void> {
    if (!this.options.jobs.length) return;
    const { databaseUrl, subgraph, logger } = this.options;
    this.pool = new Pool({ connectionString: databaseUrl, max: 2, application_name: `${subgraph}-job-ticks` });
    // An idle connection the server drops (a restart, a failover) is replaced on next use; without
    // a listener the pool's 'error' event would end the process.
    this.pool.on('error', (error) => logger.warn({ reason: error.message }, 'job tick connection dropped'));
    // pg-boss's own cron is off: ticks come from the injectable clock (see enqueueDueTicks).
    this.boss = new PgBoss({ connectionString: databaseUrl, schedule: false, supervise: this.options.works !== false, max: 3, application_name: `${subgraph}-jobs` });
    // pg's errors carry the whole client object; the reason is what a reader needs.
    this.boss.on('error', (error) => logger.error({ reason: error.message }, 'pg-boss error'));
    await this.boss.start();
    for (const job of this.options.jobs) await this.declareQueue(job);
    if (this.options.works === false) return;
    for (const job of this.options.jobs) {
      await this.boss.work<QueuedRun>(
        job.kind,
        { pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 2, includeMetadata: true, batchSize: 1 },
        async ([queued]) => platformTracer().startActiveSpan(`job ${job.kind}`, (span) => this.execute(job, queued!).finally(() => span.end())),
      );
    }
    await this.enqueueDueTicks();
    await this.retryStalledRuns();
    this.wakeAtNextTick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.boss?.stop({ graceful: true, wait: true, timeout: 10_000 });
    await this.pool?.end();
  }

  /**
   * Enqueues, for every scheduled job, the latest tick at or before the clock's now unless some
   * replica already did. A tick missed while every replica was down runs once on the next start;
   * older missed ticks are not replayed, since a rule run now covers them.
   */
  async enqueueDueTicks(): Promise<void> {
    const now = this.options.clock.now();
    for (const job of this.options.jobs) {
      if (!job.schedule) continue;
      await this.enqueue(job, { payload: {}, tick: latestTick(job.schedule, now).toISOString(), actor: null });
    }
  }

  /** Starts a run by hand now; the payload has been checked by the caller. */
  async runNow(kind: string, payload: unknown, actor: Actor): Promise<JobRecord> {
    const job = this.byKind.get(kind);
    if (!job || !this.boss) throw new Error(`No job ${kind} runs in ${this.options.subgraph}`);
    const id = await this.enqueue(job, { payload, tick: null, actor });
    return (await this.options.orm.em.fork().findOneOrFail(JobRecord, { id: id! }));
  }

  /**
   * Hands every run whose heartbeat stopped back to pg-boss as failed, so it is tried again (or
   * fails for good once out of tries). The row is claimed first, so of several replicas looking at
   * once only one fails the run, and a try is counted once.
   */
  async retryStalledRuns(): Promise<void> {
    const now = this.options.clock.now();
    const claimed = (await this.options.orm.em.fork().getConnection().execute(
      `update job_record set state = 'RETRY', error = ? where state = 'ACTIVE' and heartbeat_at < ? and kind = any(?::text[]) returning id, kind`,
      [`The process running it stopped; no sign of life since ${new Date(now.getTime() - STALLED_AFTER_MS).toISOString()} or earlier.`, new Date(now.getTime() - STALLED_AFTER_MS), `{${this.kinds.join(',')}}`],
    )) as { id: string; kind: string }[];
    for (const run of claimed) {
      await this.boss!.fail(run.kind, run.id, { reason: 'stalled' });
      if ((await this.boss!.getJobById(run.kind, run.id))?.state === 'failed') await this.update(run.id, { state: 'FAILED', finishedAt: now });
      this.options.logger.warn({ job: run.kind, jobId: run.id }, 'a job run stopped without finishing; handed back to be tried again');
    }
  }

  private async enqueue(job: JobDefinition, run: QueuedRun): Promise<string | null> {
    const client = await this.pool!.connect();
    try {
      await client.query('begin');
      const id = newId();
      const inserted = await client.query(
        `insert into job_record (id, kind, state, scheduled_for, requested_by, created_at) values ($1, $2, 'CREATED', $3, $4, $5)
         on conflict (kind, scheduled_for) where scheduled_for is not null do nothing returning id`,
        [id, job.kind, run.tick, run.actor?.userId ?? null, this.options.clock.now()],
      );
      if (inserted.rowCount) {
        await this.boss!.send(job.kind, run as unknown as object, { id, db: transactionDb(client) });
      }
      await client.query('commit');
      return inserted.rowCount ? id : null;
    } catch (error) {
      await client.query('rollback');
      throw error;
    } finally {
      client.release();
    }
  }

  private async declareQueue(job: JobDefinition): Promise<void> {
    const retry = job.retry ?? DEFAULT_RETRY;
    const options = { retryLimit: retry.limit, retryDelay: retry.delaySeconds, retryBackoff: retry.backoff };
    const policy = job.singleton === false ? ('standard' as const) : ('singleton' as const);
    if (!(await this.boss!.getQueue(job.kind))) {
      // Another replica starting at the same moment may create it first; then it exists.
      await this.boss!.createQueue(job.kind, { ...options, policy }).catch(async (error: unknown) => {
        if (!(await this.boss!.getQueue(job.kind))) throw error;
      });
    }
    await this.boss!.updateQueue(job.kind, options);
  }

  private async execute(job: JobDefinition, queued: PgBoss.JobWithMetadata<QueuedRun>): Promise<void> {
    const { subgraph, orm, clock, logger } = this.options;
    const started = performance.now();
    await this.update(queued.id, { state: 'ACTIVE', startedAt: clock.now(), finishedAt: null, heartbeatAt: clock.now() });
    const heartbeat = setInterval(() => {
      this.update(queued.id, { heartbeatAt: clock.now() }).catch((error) => logger.warn({ err: error, jobId: queued.id }, 'job heartbeat not written'));
    }, HEARTBEAT_EVERY_MS).unref();
    try {
      const scope = createScope({ subgraph, em: orm.em.fork(), actor: queued.data.actor, clock });
      await job.run({
        id: queued.id,
        scope,
        payload: queued.data.payload,
        tick: queued.data.tick ? new Date(queued.data.tick) : null,
        progress: (done, total) => this.update(queued.id, { progress: done, heartbeatAt: clock.now(), ...(total === undefined ? {} : { total }) }),
        logger: logger.child({ job: job.kind, jobId: queued.id }),
      });
      await this.update(queued.id, { state: 'COMPLETED', finishedAt: clock.now(), error: null });
      jobRuns.inc({ subgraph, kind: job.kind, outcome: 'completed' });
    } catch (error) {
      const final = queued.retryCount >= queued.retryLimit;
      await this.update(queued.id, { state: final ? 'FAILED' : 'RETRY', finishedAt: final ? clock.now() : null, error: describe(error) });
      jobRuns.inc({ subgraph, kind: job.kind, outcome: final ? 'failed' : 'retry' });
      logger.warn({ err: error, job: job.kind, jobId: queued.id, final }, 'job try failed');
      throw error;
    } finally {
      clearInterval(heartbeat);
      jobDuration.observe({ subgraph, kind: job.kind }, (performance.now() - started) / 1000);
    }
  }

  private async update(id: string, fields: Partial<Pick<JobRecord, 'progress' | 'total' | 'startedAt' | 'finishedAt' | 'error' | 'heartbeatAt'>> & { state?: JobState }): Promise<void> {
    await this.options.orm.em.fork().nativeUpdate(JobRecord, { id }, fields);
  }

  /** Wakes at the next tick of any job by the injectable clock, re-reading it at least every minute. */
  private wakeAtNextTick(): void {
    if (this.stopped) return;
    const now = this.options.clock.now().getTime();
    const next = Math.min(...this.options.jobs.flatMap((job) => (job.schedule ? [nextTick(job.schedule, new Date(now)).getTime()] : [])));
    const delay = Number.isFinite(next) ? Math.min(Math.max(next - now, 1_000), WAKE_AT_MOST_EVERY_MS) : WAKE_AT_MOST_EVERY_MS;
    this.timer = setTimeout(() => {
      this.enqueueDueTicks()
        .then(() => this.retryStalledRuns())
        .catch((error) => this.options.logger.error({ err: error }, 'could not enqueue due job ticks or retry stalled runs'))
        .finally(() => this.wakeAtNextTick());
    }, delay);
    this.timer.unref();
  }
}

/** pg-boss writes its job row through our transaction, so the tick row and the job commit together. */
const transactionDb = (client: PoolClient): PgBoss.Db => ({
  executeSql: async (text, values) => ({ rows: (await client.query(text, values)).rows }),
});
