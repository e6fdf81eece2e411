import type { MikroORM } from '@mikro-orm/core';
import type { Logger } from 'pino';
import type { EventEnvelope } from '../catalogue';
import type { EventBus } from '../bus';
import type { OutboxLog } from '../outbox';
import { pgArray } from '../sql/pg-array';
import { WakeableLoop } from '../bus/wakeable-loop';
import { withProducerSpans } from '../catalogue/trace-context';
import { PgNotifications } from './pg-notifications';

export interface OutboxRelayOptions {
  batchSize?: number;
  /** With notifications on, the outbox is read only when rows arrive; this slow poll is the safety net. */
  safetyPollMs?: number;
  maxBackoffMs?: number;
  /** Where the transport keeps its own log, published rows are deleted after this many days. */
  retentionDays?: number;
  /** Listens for the outbox trigger's notifications on this database; without it the relay polls. */
  databaseUrl?: string;
  /** The outbox read as a log; told when newly published rows are committed. */
  log?: OutboxLog;
}

const CLEANUP_EVERY_MS = 10 * 60_000;
const CHANNEL = 'outbox_message';

interface PendingRow {
  id: string;
  topic: string;
  envelope: EventEnvelope;
}

/**
 * Publishes outbox rows in id order and gives each a position in the subgraph's event log.
 * Replicas of a service share one outbox: a transaction-scoped advisory lock lets one replica
 * publish a batch at a time, because two replicas publishing disjoint batches concurrently could put
 * a later change of an aggregate before an earlier one, and positions must follow commit order.
 * While the broker is down nothing is marked published; the backlog drains when it returns.
 */
export class OutboxRelay {
  private readonly loop: WakeableLoop;
  private readonly batchSize: number;
  private readonly retentionDays: number;
  private readonly notifications?: PgNotifications;
  private lastCleanup = 0;

  constructor(
    private readonly orm: MikroORM,
    private readonly bus: EventBus,
    private readonly logger: Logger,
    private readonly options: OutboxRelayOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 1_000;
    this.retentionDays = options.retentionDays ?? 7;
    this.loop = new WakeableLoop(
      () => this.step(),
      options.safetyPollMs ?? (options.databaseUrl ? 30_000 : 1_000),
      (error, retryInMs) => logger.warn({ err: error, retryInMs }, 'outbox relay could not publish; will retry'),
      options.maxBackoffMs,
    );
    if (options.databaseUrl) this.notifications = new PgNotifications(options.databaseUrl, CHANNEL, () => this.wake(), logger);
  }

  async start(): Promise<void> {
    await this.notifications?.start();
    this.loop.start();
  }

  /** Asks for a publish pass now instead of at the next poll. */
  wake(): void {
    this.loop.wake();
  }

  async stop(): Promise<void> {
    await this.notifications?.stop();
    await this.loop.stop();
  }

  /** Publishes one batch; returns how many messages went out (0 when idle or another replica holds the lock). */
  async relayOnce(): Promise<number> {
    const published = await this.orm.em.fork().transactional(async (em) => {
      const connection = em.getConnection();
      const trx = em.getTransactionContext();
      const sql = <T>(query: string, params: unknown[]) => connection.execute(query, params, 'all', trx) as Promise<T[]>;
      const [lock] = await sql<{ locked: boolean }>(`select pg_try_advisory_xact_lock(hashtext('outbox_relay')) as locked`, []);
      if (!lock?.locked) return 0;
      const rows = await sql<PendingRow>(
        'select id, topic, envelope from outbox_message where published_at is null order by id limit ?',
        [this.batchSize],
      );
      if (rows.length === 0) return 0;
      // One producer span per event, in the trace it was recorded in; the bus sends its context along.
      const messages = rows.map(({ topic, envelope }) => ({ topic, envelope }));
      await withProducerSpans(messages, () => this.bus.publish(messages));
      // Under the lock, positions increase in the order batches commit.
      const positions = (await sql<{ p: string }>(`select nextval('outbox_message_position_seq')::text as p from generate_series(1, ?)`, [rows.length]))
        .map((row) => BigInt(row.p))
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      await sql(
        `update outbox_message o set published_at = now(), position = v.position
           from unnest(?::bigint[], ?::bigint[]) as v(id, position) where o.id = v.id`,
        [pgArray(rows.map((row) => row.id)), pgArray(positions.map(String))],
      );
      return rows.length;
    });
    if (published > 0) this.options.log?.appended();
    return published;
  }

  /** Deletes published messages past retention; pending ones are never touched. */
  async deleteExpired(): Promise<void> {
    await this.orm.em
      .fork()
      .getConnection()
      .execute(`delete from outbox_message where published_at < now() - make_interval(days => ?)`, [this.retentionDays], 'run');
  }

  private async step(): Promise<boolean> {
    const published = await this.relayOnce();
    if (this.bus.keepsLog && Date.now() - this.lastCleanup > CLEANUP_EVERY_MS) {
      this.lastCleanup = Date.now();
      await this.deleteExpired();
    }
    return published === this.batchSize;
  }
}
