import type { MikroORM } from '@mikro-orm/core';

/** How many recorded events have not reached the bus yet (the relay's backlog). */
export async function pendingOutboxCount(orm: MikroORM): Promise<number> {
  const [row] = (await orm.em
    .fork()
    .getConnection()
    .execute('select count(*)::int as pending from outbox_message where published_at is null')) as { pending: number }[];
  return row?.pending ?? 0;
}
