// `npm run bench`: figures for the event pipeline (outbox → relay → bus → consumers), each printed
// next to its goal. A benchmark, not a test: it asserts nothing and exits 0 when a goal is missed.
// It starts what it needs (PostgreSQL, a Kafka broker when one can be had) and stops it again;
// every scenario gets a stack on databases of its own. Figures also go to reports/bench.json.
//
//   npm run bench                  every scenario
//   npm run bench -- Kafka idle    only scenarios whose name contains one of the words (system: cold
//                                  start, idle cost and the API of `npm start` as a user runs it)
//   LOG_LEVEL=warn npm run bench   with the pipeline's warnings (retries, kafkajs) in the output
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { AuthKeys, newId, type AuthKeyPem } from '@crm/platform';
import { measureApi, type Timing } from './api';
import { DUPLICATE_CUSTOMERS, insertCustomers, measureDuplicateCheck } from './duplicates';
import { measureCustomerImport } from './customer-import';
import { measureLeadAssignment } from './lead-assignment';
import { measureLeadImport } from './lead-import';
import { measureOrders } from './orders';
import { measurePoolSweep } from './pool-sweep';
import { idleCost, removeDataDir, startSystem, type IdleCost } from './system';
import { startKafka, startPostgres, type Postgres } from './infra';
import { epochMs, percentile, relayBatches, replicas, sleep, startStack, STATS_DELAY_MS, waitForReplicas, type Activity, type BenchStack, type Replica, type Window } from './pipeline';

// Retried batches and kafkajs's reconnects are warnings; at the default level they would bury the
// table. What they signal is counted instead (deadlocks, dead letters, transactions per event).
process.env.LOG_LEVEL ??= 'error';

const IN_PROCESS_EVENTS = 50_000;
const KAFKA_EVENTS = 20_000;
const EVENTS_PER_COMMIT = 1_000;
const OWNERS = 5;
const PROFILE_EVENTS = 2_000;
const STEADY_RATE = 200; // writes/s
const STEADY_SECONDS = 15;
/** Idle work is periodic: the relays' safety poll (OutboxRelay) runs every 30 s, the pumps' more rarely. A window of one period shows its average. */
const IDLE_SECONDS = 30;
const HEAP_SETTLE_MS = 30_000;

interface Row {
  measure: string;
  figure: string;
  goal: string;
  /** undefined: context, no goal. */
  met?: boolean;
}

type Keys = Required<AuthKeyPem>;
const rows: Row[] = [];
/** Printed under the table: where to read why a goal was missed. */
const notes: string[] = [];
const results: Record<string, unknown> = {};
const only = process.argv.slice(2);
const wanted = (name: string) => only.length === 0 || only.some((word) => name.includes(word));
const log = (message: string) => console.log(`» ${message}`);
const fixed = (n: number | undefined, digits = 1) => (n === undefined ? '—' : n.toFixed(digits));
const thousands = (n: number) => Math.round(n).toLocaleString('en');
const seconds = (ms?: number) => (ms === undefined ? undefined : ms / 1_000);
const sum = (numbers: Record<string, number>) => Object.values(numbers).reduce((a, b) => a + b, 0);
const nonZero = (numbers: Record<string, number>) => Object.entries(numbers).filter(([, n]) => n > 0).map(([db, n]) => `${db} ${n}`).join(', ');

// Ctrl-C: leave at once, through the exit hooks that stop the servers the bench started (infra.ts).
process.once('SIGINT', () => {
  log('interrupted: stopping what the bench started');
  process.exit(130);
});

/** Runs a wanted scenario; a failure is reported in the table and the next scenario still runs. */
async function scenario(name: string, body: () => Promise<void>): Promise<void> {
  if (!wanted(name)) return;
  log(name);
  try {
    await body();
  } catch (error) {
    console.error(error);
    rows.push({ measure: name, figure: `failed: ${(error as Error).message}`, goal: '', met: false });
  }
}

/** Stacks are always stopped, whatever the scenario did; the window's database activity comes with the stop unless the scenario read it itself. */
async function withStack<T>(options: Parameters<typeof startStack>[0], body: (bench: BenchStack) => Promise<T>): Promise<T & { activity?: Activity }> {
  const bench = await startStack(options);
  let value: T;
  try {
    value = await body(bench);
  } catch (error) {
    await bench.stop().catch(() => undefined);
    throw error;
  }
  return { activity: await bench.stop(), ...value };
}

/** One event through every replica first, so consumer start-up (a Kafka group join) is not timed. */
async function warmUp(bench: BenchStack, owners: readonly string[]): Promise<void> {
  const em = bench.customersEm();
  bench.record(em, owners[0]!);
  await em.flush();
  const reached = await waitForReplicas(bench, owners, 1, performance.now(), { timeoutMs: 90_000 });
  const missing = (['analytics', 'service', 'identity'] as Replica[]).filter((r) => reached[r] === undefined);
  if (missing.length) throw new Error(`warm-up event did not reach ${missing.join(', ')} within 90 s`);
}

/** Events in big transactions straight into customers' outbox: the pipeline is measured, not the mutation. */
async function writeInBulk(bench: BenchStack, owners: readonly string[], events: number): Promise<void> {
  for (let written = 0; written < events; written += EVENTS_PER_COMMIT) {
    const em = bench.customersEm();
    for (let i = 0; i < EVENTS_PER_COMMIT; i += 1) bench.record(em, owners[i % owners.length]!);
    await em.flush();
  }
}

/** What went wrong in the replicas, if anything: a count other than expected (events lost or applied twice), dead letters. */
async function faults(bench: BenchStack, owners: readonly string[], expected: number): Promise<string[]> {
  const found: string[] = [];
  for (const [replica, sql] of Object.entries(replicas)) {
    const [counted] = await bench.query<{ n: number }>(replica, sql, [owners]);
    if (counted!.n !== expected) found.push(`${replica} counted ${counted!.n} of ${expected}`);
    const [letters] = await bench.query<{ n: number }>(replica, 'select count(*)::int as n from dead_letter');
    if (letters!.n > 0) found.push(`${replica} dead-lettered ${letters!.n}`);
  }
  return found;
}

/** "CPU node 98 %, PostgreSQL 40 %; event-loop delay p99 12 ms, GC 80 ms", plus deadlocks when there were any. */
function load(window: Window, activity?: Activity): string {
  const pg = window.postgresCpuPercent === undefined ? '' : `, PostgreSQL ${fixed(window.postgresCpuPercent, 0)} %`;
  const deadlocks = activity && sum(activity.deadlocks) > 0 ? `; DEADLOCKS ${nonZero(activity.deadlocks)}` : '';
  return `CPU node ${fixed(window.nodeCpuPercent, 0)} %${pg}; event-loop delay p99 ${fixed(window.eventLoopDelayMs?.p99, 0)} ms, GC ${fixed(window.gcMs, 0)} ms${deadlocks}`;
}

/** The idle cost with the demo data, then what one event costs in statements (counted through the ORM). */
async function idle(postgres: Postgres, keys: Keys): Promise<void> {
  let counting = false;
  const statements = new Map<string, Map<string, number>>();
  const onQuery = (subgraph: string, sql: string) => {
    if (!counting) return;
    const text = sql.replace(/^\[query\]\s*/, '').replace(/"/g, '').toLowerCase();
    const table = /\b(?:into|from|update)\s+([a-z_][a-z0-9_]*)/.exec(text)?.[1];
    const kind = `${text.split(/\s/)[0]}${table ? ` ${table}` : ''}`;
    const kinds = statements.get(subgraph) ?? new Map<string, number>();
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    statements.set(subgraph, kinds);
  };
  const takeStatements = () => {
    const taken = Object.fromEntries([...statements].map(([db, kinds]) => [db, Object.fromEntries([...kinds].sort((a, b) => b[1] - a[1]))]));
    statements.clear();
    return taken;
  };

  const { profile, idleStatements, window, activity } = await withStack({ postgres, keys, seedDemoData: true, onQuery }, async (bench) => {
    await bench.stack.settled(300_000);
    // The window shows the steady state, not the clean-up after seeding: autovacuum's work (hundreds
    // of transactions in the next minute) is done now, and the wait lets its counts reach
    // pg_stat_database and V8's memory reducer collect the seeding's garbage (~0.3 s of CPU some
    // 20 s after the load ends; a window over it reads ~2 % instead of ~0.2 %).
    for (const name of Object.keys(bench.stack.subgraphs)) await bench.query(name, 'vacuum analyze');
    await sleep(Math.max(STATS_DELAY_MS, HEAP_SETTLE_MS));
    counting = true;
    await bench.openWindow({ eventLoop: false });
    await sleep(IDLE_SECONDS * 1_000);
    const window = bench.closeWindow();
    counting = false;
    const idleStatements = takeStatements();
    await sleep(1_500); // sparse commits reach pg_stat_database within its own second
    const activity = await bench.activity();

    const owners = Array.from({ length: OWNERS }, newId);
    counting = true;
    await writeInBulk(bench, owners, PROFILE_EVENTS);
    await waitForReplicas(bench, owners, PROFILE_EVENTS, performance.now(), { timeoutMs: 60_000 });
    await sleep(300); // a pump's follow-up read after a full batch
    counting = false;
    return { profile: takeStatements(), idleStatements, window, activity };
  });

  const perEvent = Object.fromEntries(Object.entries(profile).map(([db, kinds]) => [db, sum(kinds) / PROFILE_EVENTS]));
  for (const [db, kinds] of Object.entries(profile)) {
    log(`statements per event in ${db}: ${Object.entries(kinds).slice(0, 5).map(([kind, n]) => `${fixed(n / PROFILE_EVENTS, 3)} ${kind}`).join(', ')}`);
  }
  const commits = sum(activity!.commits);
  const stackStatements = sum(Object.fromEntries(Object.entries(idleStatements).map(([db, kinds]) => [db, sum(kinds)])));
  const txPerSecond = commits / window.seconds;
  // A safety poll is a relay pass (begin, the lock's select, select from the outbox, commit) or a
  // pump's read of an outbox; anything else is traffic an idle stack should not make.
  const pollKinds = new Set(['begin', 'commit', 'select', 'select outbox_message']);
  const otherKinds = Object.values(idleStatements).flatMap((kinds) => Object.keys(kinds)).filter((kind) => !pollKinds.has(kind));
  rows.push({
    measure: 'Idle CPU, one-process stack in the bench (demo data loaded)',
    figure: `${fixed(window.nodeCpuPercent, 2)} % of a core over ${fixed(window.seconds, 0)} s (GC pauses ${fixed(window.gcMs, 0)} ms)`,
    goal: '≤ 2 %',
    met: window.nodeCpuPercent <= 2,
  });
  if (window.postgresCpuPercent !== undefined) {
    rows.push({ measure: 'Idle CPU, PostgreSQL processes', figure: `${fixed(window.postgresCpuPercent, 2)} % of a core`, goal: '(context)' });
  }
  rows.push({
    measure: 'Idle database traffic (all of the server, incl. autovacuum)',
    figure: `${fixed(txPerSecond, 2)} tx/s (${commits} tx in ${fixed(window.seconds)} s)`,
    goal: '≈ 0, safety polls only',
  });
  rows.push({
    measure: '  … the stack’s own statements; connections opened',
    figure:
      `${stackStatements} (${Object.entries(idleStatements).map(([db, kinds]) => `${db} ${sum(kinds)}`).join(', ') || 'none'}` +
      `${otherKinds.length ? `; not polls: ${otherKinds.join(', ')}` : ''}); ${sum(activity!.sessions)} connections`,
    goal: 'safety polls only (relay passes, pump reads)',
    met: otherKinds.length === 0,
  });
  rows.push({
    measure: `Statements per event, in-process (${thousands(PROFILE_EVENTS)} events)`,
    figure: Object.entries(perEvent).sort((a, b) => b[1] - a[1]).map(([db, n]) => `${db} ${fixed(n, 2)}`).join(' · '),
    goal: '(context)',
  });
  results.idle = { ...window, ...activity, txPerSecond, statements: idleStatements };
  results.statementsPerEvent = { events: PROFILE_EVENTS, perEvent, byKind: profile };
}

const ms = (n: number) => `${fixed(n, 1)} ms`;
const API_SECONDS = 15;

const SYSTEM_IDLE_SECONDS = 30;
/** After "up": the demo data's catch-up, autovacuum and V8's memory reducer have run by then. */
const SYSTEM_SETTLE_SECONDS = 30;

/**
 * Issue 11's goals, on the system as `npm start` runs it (processes of its own, one per core): cold
 * start, idle cost and memory of the whole process tree, then the customer-360 page at 1 and 16
 * clients beside its SQL floor, `{ me }` and a mutation, sent from this process.
 */
async function system(): Promise<void> {
  const first = await startSystem();
  let measured: Awaited<ReturnType<typeof measureApi>>;
  let idleNow: IdleCost;
  let restartSeconds: number;
  try {
    await first.stop();
    const again = await startSystem(first.dataDir);
    restartSeconds = again.startSeconds;
    try {
      await sleep(SYSTEM_SETTLE_SECONDS * 1_000);
      idleNow = await idleCost(again, SYSTEM_IDLE_SECONDS);
      measured = await measureApi(again.gatewayUrl, again.serverUrl, again.prefix, API_SECONDS);
    } finally {
      await again.stop();
    }
  } finally {
    removeDataDir(first.dataDir);
  }
  const { me1, page1, page16, floor1, floor16, mutation1 } = measured;
  const rate = (t: Timing) => `${fixed(t.perSecond, 0)} req/s, p50 ${ms(t.p50)}, p99 ${ms(t.p99)}`;
  const idleCpu = idleNow.nodeCpuPercent + idleNow.postgresCpuPercent;
  const memory = idleNow.nodeMb + idleNow.postgresMb;
  rows.push(
    { measure: 'Cold start: fresh clone’s first `npm start` → up', figure: `${fixed(first.startSeconds)} s (initdb, migrations, demo data)`, goal: '≤ 15 s', met: first.startSeconds <= 15 },
    { measure: '  … a restart on kept data → up', figure: `${fixed(restartSeconds)} s`, goal: '(context)' },
    {
      measure: `Idle CPU, whole system (${idleNow.nodeProcesses} node processes + PostgreSQL)`,
      figure: `${fixed(idleCpu, 2)} % of a core (node ${fixed(idleNow.nodeCpuPercent, 2)}, PostgreSQL ${fixed(idleNow.postgresCpuPercent, 2)}) over ${fixed(idleNow.seconds, 0)} s`,
      goal: '≤ 2 %',
      met: idleCpu <= 2,
    },
    {
      measure: 'Idle memory, whole system (PSS)',
      figure: `${thousands(memory)} MB (node ${thousands(idleNow.nodeMb)}, PostgreSQL ${thousands(idleNow.postgresMb)})`,
      goal: '≤ 800 MB',
      met: memory <= 800,
    },
    { measure: 'customer-360 page, 16 clients', figure: rate(page16), goal: '≥ 250 req/s, p99 ≤ 150 ms', met: page16.perSecond >= 250 && page16.p99 <= 150 },
    { measure: '  its SQL floor, 16 clients', figure: rate(floor16), goal: '(reference)' },
    { measure: 'customer-360 page, 1 client', figure: `p50 ${ms(page1.p50)} = ${fixed(page1.p50 / floor1.p50, 1)}× the floor`, goal: '≤ 3× the SQL floor', met: page1.p50 <= 3 * floor1.p50 },
    { measure: '  its SQL floor, 1 client', figure: `p50 ${ms(floor1.p50)}`, goal: '(reference)' },
    { measure: '{ me { id } }, 1 client', figure: `p50 ${ms(me1.p50)}, p99 ${ms(me1.p99)}`, goal: 'p50 ≤ 2 ms', met: me1.p50 <= 2 },
    { measure: 'createCustomer round trip, 1 client', figure: `p50 ${ms(mutation1.p50)}, p99 ${ms(mutation1.p99)}`, goal: '(context)' },
  );
  results.system = { coldStartSeconds: first.startSeconds, restartSeconds, idle: idleNow, api: measured };
  if (rows.some((row) => row.met === false && /customer-360|me \{/.test(row.measure))) {
    notes.push('API goals missed: the CPU profile behind them and what would close the gap are in README.md, "Where the API time goes".');
  }
}

const DUPLICATE_SECONDS = 20;

/** CUS-3's goal: a rep's duplicate check before saving, among a million customers. */
async function duplicates(postgres: Postgres, keys: Keys): Promise<void> {
  const { timing, insertSeconds } = await withStack({ postgres, keys, seedDemoData: true }, async (bench) => {
    await bench.stack.settled(300_000);
    const reps = await bench.query<{ id: string }>('customers', `select id from directory_user where 'REP' = any(roles)`);
    const began = performance.now();
    await insertCustomers(bench, reps.map((r) => r.id));
    const insertSeconds = (performance.now() - began) / 1_000;
    return { insertSeconds, timing: await measureDuplicateCheck(bench, DUPLICATE_SECONDS) };
  });
  rows.push({
    measure: `checkDuplicates among ${thousands(DUPLICATE_CUSTOMERS)} customers, 1 client`,
    figure: `p50 ${ms(timing.p50)}, p99 ${ms(timing.p99)} (${thousands(timing.requests)} checks; rows inserted in ${fixed(insertSeconds, 0)} s)`,
    goal: 'p99 ≤ 25 ms',
    met: timing.p99 <= 25,
  });
  results.duplicates = { customers: DUPLICATE_CUSTOMERS, insertSeconds, ...timing };
}

async function throughput(label: string, postgres: Postgres, keys: Keys, events: number, goal: number, kafkaBrokers?: string[]): Promise<void> {
  const { reached, writeMs, relay, problems, window, activity } = await withStack({ postgres, keys, kafkaBrokers }, async (bench) => {
    const owners = Array.from({ length: OWNERS }, newId);
    await warmUp(bench, owners);
    await sleep(STATS_DELAY_MS); // start-up's transactions stay out of the window
    await bench.openWindow();
    const since = epochMs();
    const t0 = performance.now();
    await writeInBulk(bench, owners, events);
    const writeMs = performance.now() - t0;
    const reached = await waitForReplicas(bench, owners, 1 + events, t0, { timeoutMs: 180_000 });
    const window = bench.closeWindow();
    return { reached, writeMs, window, relay: await relayBatches(bench, since), problems: await faults(bench, owners, 1 + events) };
  });
  const perSecond = reached.analytics === undefined ? undefined : events / (reached.analytics / 1_000);
  results[`throughput ${label}`] = {
    events,
    eventsPerSecond: perSecond,
    writeSeconds: writeMs / 1_000,
    caughtUpSeconds: { analytics: seconds(reached.analytics), service: seconds(reached.service), identity: seconds(reached.identity) },
    relay,
    faults: problems,
    ...window,
    ...activity,
  };
  rows.push({
    measure: `Throughput ${label}, ${thousands(events)} events → analytics`,
    figure: perSecond === undefined ? 'analytics did not catch up in 180 s' : `${thousands(perSecond)} events/s`,
    goal: `≥ ${thousands(goal)} events/s`,
    met: perSecond !== undefined && perSecond >= goal,
  });
  rows.push({
    measure: `  … ${label}: written / analytics / service / identity done`,
    figure: `${[writeMs, reached.analytics, reached.service, reached.identity].map((ms) => fixed(seconds(ms))).join(' / ')} s; ${load(window, activity)}${problems.length ? `; ${problems.join('; ')}` : ''}`,
    goal: '(context)',
  });
  log(
    `${label}: relay passes ${relay.batches} (mean ${fixed(relay.mean, 0)}, max ${relay.max} rows); transactions per 1,000 events: ` +
      Object.entries(activity!.commits).map(([db, n]) => `${db} ${fixed((n / events) * 1_000, 0)}`).join(', '),
  );
}

async function freshness(label: string, postgres: Postgres, keys: Keys, goalMs: number, kafkaBrokers?: string[]): Promise<void> {
  const total = STEADY_RATE * STEADY_SECONDS;
  const { committed, rate, applied, published, relay, window, activity } = await withStack({ postgres, keys, kafkaBrokers }, async (bench) => {
    const owners = [newId()];
    await warmUp(bench, owners);
    const writes: Promise<{ id: string; committedAt: number; commitMs: number }>[] = [];
    await bench.openWindow();
    const since = epochMs();
    const start = performance.now();
    // On a fixed schedule, not after the previous commit, so slow commits do not lower the rate.
    for (let i = 0; i < total; i += 1) {
      const wait = start + (i * 1_000) / STEADY_RATE - performance.now();
      if (wait > 0) await sleep(wait);
      const write = (async () => {
        const begun = performance.now();
        const em = bench.customersEm();
        const id = bench.record(em, owners[0]!);
        await em.flush();
        // When the producer saw its commit: same machine clock as the consumer's clock_timestamp().
        return { id, committedAt: epochMs(), commitMs: performance.now() - begun };
      })();
      write.catch(() => undefined); // a failure surfaces from Promise.all below, not as an unhandled rejection
      writes.push(write);
    }
    const committed = await Promise.all(writes);
    const rate = total / ((performance.now() - start) / 1_000);
    await waitForReplicas(bench, owners, 1 + total, start, { timeoutMs: 60_000, only: ['analytics'] });
    const window = bench.closeWindow();
    // Per event: when analytics applied it (inbox processed_at) and when the relay published it.
    const ids = committed.map((c) => c.id);
    const applied = await bench.query<{ id: string; ms: number }>(
      'analytics',
      `select event_id::text as id, extract(epoch from processed_at)::float8 * 1000 as ms
         from inbox_message where consumer = 'analytics.customer-count' and event_id = any($1::uuid[])`,
      [ids],
    );
    const published = await bench.query<{ id: string; ms: number }>(
      'customers',
      `select envelope->>'id' as id, extract(epoch from published_at)::float8 * 1000 as ms
         from outbox_message where published_at >= to_timestamp($1 / 1000.0)`,
      [since],
    );
    return { committed, rate, applied, published, window, relay: await relayBatches(bench, since) };
  });

  const committedAt = new Map(committed.map((c) => [c.id, c.committedAt]));
  const latencies = applied.map((row) => row.ms - committedAt.get(row.id)!);
  const relayLatencies = published.filter((row) => committedAt.has(row.id)).map((row) => row.ms - committedAt.get(row.id)!);
  const commitMs = committed.map((c) => c.commitMs);
  const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(latencies, p));
  const max = Math.max(...latencies);
  results[`freshness ${label}`] = {
    writes: total,
    applied: applied.length,
    writesPerSecond: rate,
    latencyMs: { p50, p95, p99, max },
    commitToPublishedMs: { p50: percentile(relayLatencies, 50), p99: percentile(relayLatencies, 99) },
    producerCommitMs: { p50: percentile(commitMs, 50), p99: percentile(commitMs, 99) },
    relay,
    ...window,
    deadlocks: activity?.deadlocks,
  };
  const lost = applied.length < total ? `; only ${applied.length}/${total} applied` : '';
  rows.push({
    measure: `Freshness ${label} @ ${Math.round(rate)} writes/s, commit → analytics`,
    figure: `p50 ${fixed(p50)} / p95 ${fixed(p95)} / p99 ${fixed(p99)} ms (max ${fixed(max)})${lost}`,
    goal: `p99 ≤ ${thousands(goalMs)} ms`,
    met: applied.length === total && p99 !== undefined && p99 <= goalMs,
  });
  rows.push({
    measure: `  … ${label}: commit → relay published; producer commit`,
    figure: `p50 ${fixed(percentile(relayLatencies, 50))} / p99 ${fixed(percentile(relayLatencies, 99))} ms; p50 ${fixed(percentile(commitMs, 50))} / p99 ${fixed(percentile(commitMs, 99))} ms; ${load(window, activity)}`,
    goal: '(context)',
  });
  log(`${label}: relay passes ${relay.batches} (mean ${fixed(relay.mean, 1)}, max ${relay.max} rows)`);
}

function printTable(): void {
  const header: Row = { measure: 'measure', figure: 'figure', goal: 'goal' };
  const cells = (row: Row) => [row.measure, row.figure, row.goal, row === header ? 'met?' : row.met === undefined ? '' : row.met ? 'yes' : 'NO'];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...[header, ...rows].map((row) => cells(row)[i]!.length)));
  const line = (row: Row) => `| ${cells(row).map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(['', line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line), ''].join('\n'));
}

async function main(): Promise<void> {
  const began = performance.now();
  const loadBefore = loadavg();
  log('starting PostgreSQL');
  const postgres = await startPostgres();
  const keys = await AuthKeys.generatePem();
  let kafkaDescribe = 'not needed';
  try {
    await scenario('idle (demo data) and statements per event', () => idle(postgres, keys));
    await scenario('system as started: cold start, idle, api (customer-360, me, mutation)', system);
    await scenario('duplicates: checkDuplicates among 1,000,000 customers', () => duplicates(postgres, keys));
    await scenario('customer-import: 100,000 rows, upload → job completed', async () => void rows.push(await measureCustomerImport(postgres, keys)));
    await scenario('lead-import: 100,000 rows cleaned, deduplicated, distributed', async () => void rows.push(await measureLeadImport(postgres, keys)));
    await scenario('lead-assignment: 10,000 leads by STRENGTHS as a job', async () => void rows.push(await measureLeadAssignment(postgres, keys)));
    await scenario('pool-sweep: 1,000,000 private opportunities', async () => void rows.push(await measurePoolSweep(postgres)));
    await scenario('orders: place 1,000 orders, previewOrder, open exposure over a 10,000-order history', async () => {
      const measured = await measureOrders(postgres, keys);
      rows.push(...measured.rows);
      results.orders = measured.results;
    });
    await scenario('throughput in-process', () => throughput('in-process', postgres, keys, IN_PROCESS_EVENTS, 5_000));
    await scenario('freshness in-process', () => freshness('in-process', postgres, keys, 100));
    if (wanted('throughput Kafka') || wanted('freshness Kafka')) {
      log('starting Kafka');
      const kafka = await startKafka();
      kafkaDescribe = kafka.describe;
      try {
        const brokers = kafka.brokers;
        if (brokers) {
          await scenario('throughput Kafka', () => throughput('Kafka', postgres, keys, KAFKA_EVENTS, 2_000, brokers));
          await scenario('freshness Kafka', () => freshness('Kafka', postgres, keys, 1_000, brokers));
        } else {
          for (const measure of ['throughput Kafka', 'freshness Kafka']) rows.push({ measure, figure: `skipped: ${kafka.skipReason}`, goal: '' });
        }
      } finally {
        await kafka.stop();
      }
    }
  } finally {
    await postgres.stop();
  }

  const environment = {
    node: process.version,
    cpus: cpus().length,
    loadAverageBefore: loadBefore,
    loadAverageAfter: loadavg(),
    postgres: postgres.describe,
    kafka: kafkaDescribe,
    totalSeconds: (performance.now() - began) / 1_000,
  };
  console.log(
    `\nnode ${environment.node}, ${environment.cpus} CPUs, load average before ${loadBefore.map((l) => l.toFixed(1)).join(' ')}; ` +
      `${environment.postgres}; Kafka: ${environment.kafka}; ${fixed(environment.totalSeconds, 0)} s in all`,
  );
  // Only the load before: afterwards it is mostly the bench's own.
  if (loadBefore[0]! > environment.cpus / 2) {
    console.log(`note: the machine was busy before the bench (load average ${loadBefore[0]!.toFixed(1)} on ${environment.cpus} CPUs); the figures may understate the pipeline.`);
  }
  printTable();
  for (const note of notes) console.log(`note: ${note}`);
  // reports/ is where CI's and the bench's machine-readable results go (ignored by git).
  const file = path.join(__dirname, '..', 'reports', 'bench.json');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), environment, rows, results }, null, 2)}\n`);
  console.log(`figures written to ${path.relative(process.cwd(), file)}`);
}

main().then(
  // Stopped stacks can leave idle sockets and timers behind; the figures are out, so leave.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
