import type { MikroORM } from '@mikro-orm/core';
import type { Subscription } from '../bus';

export interface StoredDeadLetter {
  id: string;
  consumer: string;
  topic: string;
  eventType: string | null;
  error: string;
  failedAt: Date;
}

/** Dead letters not replayed yet, oldest first; of one consumer, or of every consumer in the database. */
export async function openDeadLetters(orm: MikroORM, consumer?: string): Promise<StoredDeadLetter[]> {
  const rows = (await orm.em
    .fork()
    .getConnection()
    .execute(
      `select id, consumer, topic, event_type, error, failed_at from dead_letter
        where replayed_at is null and (?::text is null or consumer = ?) order by id`,
      [consumer ?? null, consumer ?? null],
    )) as { id: string; consumer: string; topic: string; event_type: string | null; error: string; failed_at: Date | string }[];
  return rows.map((r) => ({ id: r.id, consumer: r.consumer, topic: r.topic, eventType: r.event_type, error: r.error, failedAt: new Date(r.failed_at) }));
}

/**
 * Hands a consumer's open dead letters to it again, once the cause is fixed. Each is marked
 * replayed; one that fails again is dead-lettered anew with its new error. Returns how many applied.
 */
export async function replayDeadLetters(orm: MikroORM, subscription: Subscription, ids?: readonly string[]): Promise<{ applied: number; failed: number }> {
  const sql = orm.em.fork().getConnection();
  const rows = (await sql.execute(
    `select id, topic, envelope from dead_letter where consumer = ? and replayed_at is null order by id`,
    [subscription.group],
  )) as { id: string; topic: string; envelope: unknown }[];
  let applied = 0;
  let failed = 0;
  for (const row of rows.filter((r) => !ids || ids.includes(r.id))) {
    const dead = await subscription.handle({ topic: row.topic, envelopes: [row.envelope] });
    await sql.execute('update dead_letter set replayed_at = clock_timestamp() where id = ?', [row.id]);
    if (dead.length) failed += 1;
    else applied += 1;
  }
  return { applied, failed };
}
