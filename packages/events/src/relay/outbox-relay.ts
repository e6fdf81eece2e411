import type { MikroORM } from '@mikro-orm/core';
import type { Logger } from 'pino';
import type { EventEnvelope } from '../catalogue';
import type { EventBus } from '../bus';

export interface OutboxRelayOptions {
  batchSize?: number;
  idleMs?: number;
  maxBackoffMs?: number;
  /** Published messages are kept this long for inspection and replay, then deleted. */
  retentionDays?: number;
}

const CLEANUP_EVERY_MS = 10 * 60_000;

interface PendingRow {
  id: string;
  topic: string;
  envelope: EventEnvelope;
}

/**
 * Publishes outbox rows in id order. Replicas of a service share one outbox: a transaction-scoped
 * advisory lock lets one replica publish a batch at a time, because two replicas publishing
 * disjoint batches concurrently could put a later change of an aggregate before an earlier one.
 * While the broker is down nothing is marked published; the backlog drains when it returns.
 */
export class OutboxRelay {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private failures = 0;
  private wakeRequested = false;
  private readonly batchSize: number;
  private readonly idleMs: number;
  private readonly maxBackoffMs: number;
  private readonly retentionDays: number;
  private lastCleanup = 0;

  constructor(
    private readonly orm: MikroORM,
    private readonly bus: EventBus,
    private readonly logger: Logger,
    options: OutboxRelayOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 200;
    this.idleMs = options.idleMs ?? 1_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 5_000;
    this.retentionDays = options.retentionDays ?? 7;
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Asks for a publish pass now instead of at the next poll. */
  wake(): void {
    if (this.stopped || this.failures > 0) return;
    if (this.running) {
      this.wakeRequested = true;
      return;
    }
    clearTimeout(this.timer);
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Publishes one batch; returns how many messages went out (0 when idle or another replica holds the lock). */
  async relayOnce(): Promise<number> {
    return this.orm.em.fork().transactional(async (em) => {
      const connection = em.getConnection();
      const trx = em.getTransactionContext();
      const [lock] = (await connection.execute(
        `select pg_try_advisory_xact_lock(hashtext('outbox_relay')) as locked`,
        [],
        'all',
        trx,
      )) as { locked: boolean }[];
      if (!lock?.locked) return 0;
      const rows = (await connection.execute(
        'select id, topic, envelope from outbox_message where published_at is null order by id limit ?',
        [this.batchSize],
        'all',
        trx,
      )) as PendingRow[];
      if (rows.length === 0) return 0;
      await this.bus.publish(rows.map(({ topic, envelope }) => ({ topic, envelope })));
      await connection.execute(
        // knex expands an array binding into a list: `in (?)` becomes `in ('1', '2', …)`.
        'update outbox_message set published_at = now() where id in (?)',
        [rows.map((row) => row.id)],
        'run',
        trx,
      );
      return rows.length;
    });
  }

  /** Deletes published messages past retention; pending ones are never touched. */
  async deleteExpired(): Promise<void> {
    await this.orm.em
      .fork()
      .getConnection()
      .execute(`delete from outbox_message where published_at < now() - make_interval(days => ?)`, [this.retentionDays], 'run');
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => (this.running = undefined));
    }, delayMs);
  }

  private async tick(): Promise<void> {
    try {
      const published = await this.relayOnce();
      this.failures = 0;
      if (Date.now() - this.lastCleanup > CLEANUP_EVERY_MS) {
        this.lastCleanup = Date.now();
        await this.deleteExpired();
      }
      const again = published === this.batchSize || this.wakeRequested;
      this.wakeRequested = false;
      this.schedule(again ? 0 : this.idleMs);
    } catch (error) {
      this.failures += 1;
      const backoff = Math.min(this.maxBackoffMs, 100 * 2 ** this.failures);
      this.logger.warn({ err: error, retryInMs: backoff }, 'outbox relay could not publish; will retry');
      this.schedule(backoff);
    }
  }
}
