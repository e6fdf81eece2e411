import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { DeadLetter } from '../bus';

const run = (em: EntityManager, sql: string, params: unknown[]) => em.getConnection().execute(sql, params, 'run', em.getTransactionContext());

/** Where a consumer's reading of a topic's log resumes (in-process transport); 0 = the beginning. */
export async function readPosition(orm: MikroORM, consumer: string, topic: string): Promise<number> {
  const [row] = (await orm.em
    .fork()
    .getConnection()
    .execute('select position from consumer_position where consumer = ? and topic = ?', [consumer, topic])) as { position: string }[];
  return row ? Number(row.position) : 0;
}

export async function savePosition(em: EntityManager, consumer: string, topic: string, position: number): Promise<void> {
  await run(
    em,
    `insert into consumer_position (consumer, topic, position) values (?, ?, ?)
     on conflict (consumer, topic) do update set position = greatest(consumer_position.position, excluded.position)`,
    [consumer, topic, position],
  );
}

const field = (envelope: unknown, name: 'id' | 'type'): string | null => {
  const value = typeof envelope === 'object' && envelope !== null ? (envelope as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : null;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function recordDeadLetters(em: EntityManager, consumer: string, letters: readonly DeadLetter[], attempts: number): Promise<void> {
  for (const letter of letters) {
    const id = field(letter.envelope, 'id');
    await run(
      em,
      'insert into dead_letter (consumer, topic, event_id, event_type, envelope, error, attempts) values (?, ?, ?, ?, ?::jsonb, ?, ?)',
      [consumer, letter.topic, id && UUID.test(id) ? id : null, field(letter.envelope, 'type'), JSON.stringify(letter.envelope ?? null), letter.error, attempts],
    );
  }
}
