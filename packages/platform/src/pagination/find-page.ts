import type { EntityDictionary, EntityManager, EntityName } from '@mikro-orm/core';
import type { RowCondition } from '../database';
import { toConnection, type Connection, type PageRequest } from './connection';

/** A top-level list: newest first (or oldest first), keyset on the time-ordered id, limited to what `where` allows. */
export async function findPage<T extends { id: string }>(
  em: EntityManager,
  entity: EntityName<T>,
  page: PageRequest,
  where?: RowCondition,
  order: { oldestFirst?: boolean } = {},
): Promise<Connection<T>> {
  const table = em.getMetadata().get(entity).tableName;
  const conditions = [...(where ? [`(${where.sql})`] : []), ...(page.afterId ? [order.oldestFirst ? 'id > ?' : 'id < ?'] : [])];
  const rows = (await em.getConnection().execute(
    `select * from "${table}" ${conditions.length ? `where ${conditions.join(' and ')}` : ''} order by id ${order.oldestFirst ? 'asc' : 'desc'} limit ?`,
    [...(where?.params ?? []), ...(page.afterId ? [page.afterId] : []), page.first + 1],
  )) as EntityDictionary<T>[];
  return toConnection(
    rows.map((row) => em.map(entity, row)),
    page,
  );
}
