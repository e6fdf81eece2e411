import type { EntityManager, EntityName, FilterQuery } from '@mikro-orm/core';
import { toConnection, type Connection, type PageRequest } from './connection';

/** A top-level list: newest first, keyset on the time-ordered id. */
export async function findPage<T extends { id: string }>(
  em: EntityManager,
  entity: EntityName<T>,
  page: PageRequest,
  where: FilterQuery<T> = {} as FilterQuery<T>,
): Promise<Connection<T>> {
  // MikroORM cannot type a filter on a type parameter, hence the cast.
  const keyset = (page.afterId ? { id: { $lt: page.afterId } } : {}) as unknown as FilterQuery<T>;
  const rows = await em.find(entity, { $and: [where, keyset] } as FilterQuery<T>, {
    orderBy: { id: 'desc' } as never,
    limit: page.first + 1,
  });
  return toConnection(rows, page);
}
