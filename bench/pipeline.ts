// The local stack as the bench drives it: start on fresh databases, write customer.created events
// straight into customers' outbox, and watch the three replicas that consume them.
import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { Events, recordEvent } from '@crm/events';
import { startLocalStack, type LocalStack } from '@crm/local-stack';
import { newId, type AuthKeyPem } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { Client } from 'pg';
import { postgresCpuSeconds, type Postgres } from './infra';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * A backend reports its counts to pg_stat_database at once when it last did over a second ago,
 * else up to 10 s later (PGSTAT_IDLE_INTERVAL). So a window opens this long after busy work, and
 * a busy window's counts are read after the stack stops.
 */
export const STATS_DELAY_MS = 12_000;
/** Wall-clock ms with sub-ms precision, comparable with PostgreSQL's clock_timestamp(). */
export const epochMs = () => performance.timeOrigin + performance.now();

const databaseUrl = (serverUrl: string, database: string) => {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
};

/** The replicas customer.created feeds, each counted for a set of owners. */
export const replicas = {
  analytics: `select coalesce(sum(customer_count), 0)::int as n from owner_customer_count where owner_id = any($1::uuid[])`,
  service: `select count(*)::int as n from customer_owner where owner_id = any($1::uuid[])`,
  identity: `select count(*)::int as n from open_work_item where kind = 'CUSTOMER' and holder_id = any($1::uuid[])`,
} as const;
export type Replica = keyof typeof replicas;

export interface BenchStack {
  stack: LocalStack;
  prefix: string;
  /** A query on one subgraph's database, over a connection of the bench's own (counted, to be taken off). */
  query<T>(subgraph: string, sql: string, params?: unknown[]): Promise<T[]>;
  /**
   * Opens the measurement window (one per stack): time, CPU and database counters from now. Event-loop
   * delay is sampled every 10 ms, which costs ~1 % of a core: not for an idle window.
   */
  openWindow(options?: { eventLoop?: boolean }): Promise<void>;
  /** Closes it: elapsed time, CPU, event-loop delay and GC pauses. */
  closeWindow(): Window;
  /** Stages one customer.created event in `em` (not flushed) and returns its envelope id. */
  record(em: EntityManager, ownerId: string): string;
  /** A fresh EntityManager of customers' database: its flush commits staged events. */
  customersEm(): EntityManager;
  /** The window's transactions, deadlocks and new sessions as pg_stat_database has them now (see STATS_DELAY_MS). */
  activity(): Promise<Activity>;
  /** Stops the stack; returns the window's activity read after its connections closed (exiting backends report at once). */
  stop(): Promise<Activity | undefined>;
}

export interface Window {
  seconds: number;
  /** This process, all threads, as % of one core. */
  nodeCpuPercent: number;
  /** Embedded server only: postmaster and backends, as % of one core. */
  postgresCpuPercent?: number;
  /** How late timers ran: the stack, its consumers and the bench share this one event loop. */
  eventLoopDelayMs?: { p50: number; p99: number; max: number };
  /** Garbage-collection pauses of the main thread, summed. */
  gcMs: number;
}

/** Per database of the stack, from the window's opening on; the bench's own queries are taken off. */
export interface Activity {
  commits: Record<string, number>;
  deadlocks: Record<string, number>;
  /** Connections opened (each a new backend process). */
  sessions: Record<string, number>;
}

export interface StackOptions {
  postgres: Postgres;
  keys: Required<AuthKeyPem>;
  kafkaBrokers?: string[];
  seedDemoData?: boolean;
  onQuery?: (subgraph: string, sql: string) => void;
}

/** A stack on databases (and, over Kafka, topics and groups) of its own, so runs never mix. */
export async function startStack(options: StackOptions): Promise<BenchStack> {
  const prefix = `bench_${randomBytes(3).toString('hex')}_`;
  const serverUrl = options.postgres.serverUrl;
  const pgCpu = () => (options.postgres.postmasterPid ? postgresCpuSeconds(options.postgres.postmasterPid) : undefined);
  const stack = await startLocalStack({
    serverUrl,
    databasePrefix: prefix,
    kafkaBrokers: options.kafkaBrokers,
    kafkaNamespace: options.kafkaBrokers ? prefix : undefined,
    keys: options.keys,
    gatewayPort: 0,
    seedDemoData: options.seedDemoData,
    onQuery: options.onQuery,
  });
  const clients = new Map<string, Promise<Client>>();
  const connect = (database: string) => {
    if (!clients.has(database)) {
      clients.set(database, (async () => {
        const client = new Client({ connectionString: databaseUrl(serverUrl, database) });
        await client.connect();
        return client;
      })());
    }
    return clients.get(database)!;
  };
  const benchQueries = new Map<string, number>();
  const query = async <T>(subgraph: string, sql: string, params: unknown[] = []) => {
    benchQueries.set(subgraph, (benchQueries.get(subgraph) ?? 0) + 1);
    return (await (await connect(prefix + subgraph)).query(sql, params)).rows as T[];
  };
  const customersEm = () => stack.subgraphs.customers!.orm.em.fork();
  const admin = async <T>(sql: string, params: unknown[] = []) => {
    // On the server's own database, so these statements are not counted against the stack.
    const client = new Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  };
  const counters = async () => {
    const rows = await admin<{ datname: string; commits: number; deadlocks: number; sessions: number }>(
      `select datname, xact_commit::float8 as commits, deadlocks::float8 as deadlocks, sessions::float8 as sessions
         from pg_stat_database where left(datname, length($1)) = $1`,
      [prefix],
    );
    return new Map(rows.map(({ datname, ...numbers }) => [datname.slice(prefix.length), numbers]));
  };
  let opened: { counters: Awaited<ReturnType<typeof counters>>; queries: Map<string, number>; cpu: NodeJS.CpuUsage; pgCpu?: number; at: number } | undefined;
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  let gcMs = 0;
  const gcPauses = new PerformanceObserver((list) => list.getEntries().forEach((entry) => (gcMs += entry.duration)));
  const activity = async (): Promise<Activity> => {
    const result: Activity = { commits: {}, deadlocks: {}, sessions: {} };
    for (const [db, now] of await counters()) {
      const before = opened!.counters.get(db) ?? { commits: 0, deadlocks: 0, sessions: 0 };
      result.commits[db] = now.commits - before.commits - ((benchQueries.get(db) ?? 0) - (opened!.queries.get(db) ?? 0));
      result.deadlocks[db] = now.deadlocks - before.deadlocks;
      result.sessions[db] = now.sessions - before.sessions;
    }
    return result;
  };

  return {
    stack,
    prefix,
    query,
    customersEm,
    async openWindow({ eventLoop = true } = {}) {
      // The bench's own connections are opened before, so the window's sessions are the stack's.
      await Promise.all(Object.keys(stack.subgraphs).map((name) => connect(prefix + name)));
      opened = { counters: await counters(), queries: new Map(benchQueries), cpu: process.cpuUsage(), pgCpu: pgCpu(), at: performance.now() };
      loopDelay.reset();
      if (eventLoop) loopDelay.enable();
      gcMs = 0;
      gcPauses.observe({ entryTypes: ['gc'] });
    },
    closeWindow() {
      const seconds = (performance.now() - opened!.at) / 1_000;
      const cpu = process.cpuUsage(opened!.cpu);
      const pg = pgCpu();
      const sampled = loopDelay.disable();
      gcPauses.disconnect();
      const ms = (ns: number) => ns / 1e6;
      return {
        eventLoopDelayMs: sampled ? { p50: ms(loopDelay.percentile(50)), p99: ms(loopDelay.percentile(99)), max: ms(loopDelay.max) } : undefined,
        gcMs,
        seconds,
        nodeCpuPercent: ((cpu.user + cpu.system) / 1e6 / seconds) * 100,
        postgresCpuPercent: opened!.pgCpu !== undefined && pg !== undefined ? ((pg - opened!.pgCpu) / seconds) * 100 : undefined,
      };
    },
    record(em, ownerId) {
      const customerId = newId();
      return recordEvent(em, 'customers', {
        type: Events.CustomerCreated,
        key: customerId,
        time: new Date(),
        payload: { customerId, name: 'Bench customer', ownerId, divisionCode: null },
      }).id;
    },
    activity,
    async stop() {
      await Promise.all([...clients.values()].map(async (client) => (await client).end()));
      await stack.stop();
      const result = opened && (await activity());
      // Leave nothing behind on a shared server (DATABASE_URL); the embedded one is thrown away anyway.
      for (const name of Object.keys(stack.subgraphs)) await admin(`drop database if exists "${prefix}${name}" with (force)`);
      return result;
    },
  };
}

/**
 * Polls every `pollMs` until each replica has applied `target` events for the owners; returns ms
 * after `since` (performance.now()) at which each got there, undefined for one that did not in time.
 */
export async function waitForReplicas(
  bench: BenchStack,
  owners: readonly string[],
  target: number,
  since: number,
  { timeoutMs = 120_000, pollMs = 50, only }: { timeoutMs?: number; pollMs?: number; only?: Replica[] } = {},
): Promise<Partial<Record<Replica, number>>> {
  const waiting = new Set<Replica>(only ?? (Object.keys(replicas) as Replica[]));
  const reached: Partial<Record<Replica, number>> = {};
  const deadline = performance.now() + timeoutMs;
  while (waiting.size > 0 && performance.now() < deadline) {
    await Promise.all(
      [...waiting].map(async (replica) => {
        const [row] = await bench.query<{ n: number }>(replica, replicas[replica], [owners]);
        if (row!.n >= target) {
          reached[replica] = performance.now() - since;
          waiting.delete(replica);
        }
      }),
    );
    if (waiting.size > 0) await sleep(pollMs);
  }
  return reached;
}

/**
 * The customers relay's passes since `sinceEpochMs`: rows of one pass share published_at, the
 * now() of the relay's transaction.
 */
export async function relayBatches(bench: BenchStack, sinceEpochMs: number): Promise<{ batches: number; mean: number; max: number }> {
  const [row] = await bench.query<{ batches: number; mean: number; max: number }>(
    'customers',
    `select count(*)::int as batches, coalesce(avg(n), 0)::float8 as mean, coalesce(max(n), 0)::int as max
       from (select count(*) as n from outbox_message where published_at >= to_timestamp($1 / 1000.0) group by published_at) b`,
    [sinceEpochMs],
  );
  return row!;
}

/** Nearest-rank percentile of unsorted values. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
