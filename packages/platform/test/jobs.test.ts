import { createLogger, defineJob, JobRecord, JobRunner, ManualClock, openSubgraphDatabase, type JobDefinition, type SubgraphDefinition } from '../src';
import type { MikroORM } from '@mikro-orm/core';
import PgBoss from 'pg-boss';
import { eventually, testDatabaseUrl, uniqueDatabasePrefix } from '@crm/testing';

/**
 * PLT-3: a scheduled rule runs exactly once per tick however many replicas of the subgraph run,
 * and ticks follow the injectable clock in Asia/Shanghai.
 */
const logger = createLogger('jobs-test', 'error');
const databaseUrl = testDatabaseUrl(`${uniqueDatabasePrefix()}jobs`);
const definition: SubgraphDefinition = { name: 'jobs-test', modules: [], createLoaders: () => ({}) };

/** Each run of the rule leaves a row naming its tick, written by the job through its own scope. */
const runs: { tick: string | null; kind: string }[] = [];
const midnightRule = defineJob({
  kind: 'test.midnight_rule',
  schedule: '0 0 * * *',
  async run(job) {
    runs.push({ kind: 'test.midnight_rule', tick: job.tick?.toISOString() ?? null });
    await job.progress(1, 1);
  },
});

let flakyTries = 0;
const flaky = defineJob({
  kind: 'test.flaky',
  startableBy: ['ADMIN'],
  retry: { limit: 2, delaySeconds: 1, backoff: false },
  async run() {
    flakyTries += 1;
    if (flakyTries < 3) throw new Error(`try ${flakyTries} failed`);
  },
});

const broken = defineJob({
  kind: 'test.broken',
  startableBy: ['ADMIN'],
  retry: { limit: 1, delaySeconds: 1, backoff: false },
  async run() {
    throw new Error('the source file is unreadable');
  },
});

const clock = new ManualClock('2026-11-25T15:59:00Z'); // 23:59 in Shanghai
const orms: MikroORM[] = [];
const replicas: JobRunner[] = [];

async function startReplica(jobs: readonly JobDefinition[]): Promise<JobRunner> {
  const orm = await openSubgraphDatabase(definition, databaseUrl, logger);
  orms.push(orm);
  const runner = new JobRunner({ subgraph: 'jobs-test', orm, databaseUrl, jobs, clock, logger, pollingIntervalSeconds: 0.5 });
  replicas.push(runner);
  return runner;
}

const records = (kind: string) => orms[0]!.em.fork().find(JobRecord, { kind }, { orderBy: { createdAt: 'asc', id: 'asc' } });

beforeAll(async () => {
  const [a, b] = [await startReplica([midnightRule, flaky, broken]), await startReplica([midnightRule, flaky, broken])];
  await Promise.all([a.start(), b.start()]);
});

afterAll(async () => {
  await Promise.all(replicas.map((runner) => runner.stop()));
  await Promise.all(orms.map((orm) => orm.close()));
});

it('enqueues the missed tick once on start, even with two replicas starting together', async () => {
  await eventually(async () => expect((await records('test.midnight_rule')).map((r) => r.state)).toEqual(['COMPLETED']));
  expect(runs.map((r) => r.tick)).toEqual(['2026-11-24T16:00:00.000Z']); // 00:00 on the 25th, Shanghai
});

it('runs the rule exactly once when the clock crosses midnight in Shanghai, however often replicas look', async () => {
  await Promise.all(replicas.flatMap((runner) => [runner.enqueueDueTicks(), runner.enqueueDueTicks()]));
  expect(await records('test.midnight_rule')).toHaveLength(1); // 23:59: no new tick yet

  clock.advance({ minutes: 2 }); // 00:01 on the 26th in Shanghai, still the 25th in UTC
  await Promise.all(replicas.flatMap((runner) => [runner.enqueueDueTicks(), runner.enqueueDueTicks(), runner.enqueueDueTicks()]));

  await eventually(async () => expect((await records('test.midnight_rule')).map((r) => r.state)).toEqual(['COMPLETED', 'COMPLETED']));
  expect(runs.map((r) => r.tick)).toEqual(['2026-11-24T16:00:00.000Z', '2026-11-25T16:00:00.000Z']);
  const latest = (await records('test.midnight_rule'))[1]!;
  expect(latest).toMatchObject({ progress: 1, total: 1, scheduledFor: new Date('2026-11-25T16:00:00Z'), startedAt: clock.now() });
});

it('retries a failing run with its retry policy until it succeeds', async () => {
  const admin = { userId: '0199a000-0000-7000-8000-0000000000aa', orgUnitId: '0199a000-0000-7000-8000-0000000000bb', orgPath: 'hq', roles: ['ADMIN' as const] };
  const started = await replicas[0]!.runNow('test.flaky', {}, admin);
  expect(started).toMatchObject({ kind: 'test.flaky', state: 'CREATED', requestedBy: admin.userId, scheduledFor: null });
  await eventually(async () => {
    const [run] = await records('test.flaky');
    expect(run).toMatchObject({ state: 'COMPLETED', error: null });
  }, 20_000);
  expect(flakyTries).toBe(3);
}, 30_000);

it('marks a run that fails on every try FAILED, with the reason a person can read', async () => {
  const admin = { userId: '0199a000-0000-7000-8000-0000000000aa', orgUnitId: '0199a000-0000-7000-8000-0000000000bb', orgPath: 'hq', roles: ['ADMIN' as const] };
  await replicas[1]!.runNow('test.broken', {}, admin);
  await eventually(async () => {
    const [run] = await records('test.broken');
    expect(run).toMatchObject({ state: 'FAILED', error: 'the source file is unreadable', finishedAt: clock.now() });
  }, 20_000);
}, 30_000);

it('tries a run again once the process running it died, without waiting out pg-boss’s expiry', async () => {
  const admin = { userId: '0199a000-0000-7000-8000-0000000000aa', orgUnitId: '0199a000-0000-7000-8000-0000000000bb', orgPath: 'hq', roles: ['ADMIN' as const] };
  let tries = 0;
  const orphaned = defineJob({ kind: 'test.orphaned', startableBy: ['ADMIN'], retry: { limit: 1, delaySeconds: 1, backoff: false }, run: async () => void (tries += 1) });
  const orm = await openSubgraphDatabase(definition, databaseUrl, logger);
  orms.push(orm);
  const enqueuer = new JobRunner({ subgraph: 'jobs-test', orm, databaseUrl, jobs: [orphaned], clock, logger, works: false });
  replicas.push(enqueuer);
  await enqueuer.start();
  const { id } = await enqueuer.runNow('test.orphaned', {}, admin);

  // A worker takes the run, says it started, and is killed: pg-boss holds it active, its heartbeat stops.
  const doomed = new PgBoss({ connectionString: databaseUrl, supervise: false, schedule: false });
  await doomed.start();
  expect((await doomed.fetch('test.orphaned')).map((job) => job.id)).toEqual([id]);
  await doomed.stop({ graceful: false, wait: true });
  await orm.em.fork().nativeUpdate(JobRecord, { id }, { state: 'ACTIVE', startedAt: clock.now(), heartbeatAt: clock.now() });

  clock.advance({ minutes: 1 });
  const worker = await startReplica([orphaned]);
  await worker.start();
  expect((await records('test.orphaned'))[0]).toMatchObject({ state: 'ACTIVE' }); // a minute's silence is not yet death
  expect(tries).toBe(0);

  clock.advance({ minutes: 2 });
  await worker.retryStalledRuns();
  await eventually(async () => expect((await records('test.orphaned'))[0]).toMatchObject({ state: 'COMPLETED', error: null }), 20_000);
  expect(tries).toBe(1);
}, 40_000);
