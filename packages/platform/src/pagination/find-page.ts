import type { EntityDictionary, EntityManager, EntityName } from '@mikro-orm/core';
import type { RowCondition } from '../database';
import { toConnection, type Connection, type PageRequest } from './connection';

/**
 * A number another table keeps for the listed rows (e.g. a score), at most one per row. Its column
 * names must not clash with the listed table's: they meet in one join.
 */
export interface RankBy {
  table: string;
  /** Its column holding the listed row's id. */
  idColumn: string;
  /** Its column holding the number. */
  rankColumn: string;
  /** Which of its rows count, on its own columns (e.g. `record_type = ?`). */
  where?: RowCondition;
}

export interface PageOrder {
  oldestFirst?: boolean;
  /** Highest rank first, rows without one last, ties newest first; the cursor stays the row's id. */
  rankBy?: RankBy;
}

/**
 * A top-level list: newest first (or oldest first, or by rank), keyset on the time-ordered id,
 * limited to what `where` allows.
 */
export async function findPage<T extends { id: string }>(
  em: EntityManager,
  entity: EntityName<T>,
  page: PageRequest,
  where?: RowCondition,
  order: PageOrder = {},
): Promise<Connection<T>> {
  const table = em.getMetadata().get(entity).tableName;
  if (order.rankBy) return findRankedPage(em, entity, table, page, order.rankBy, where);
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

/**
 * Keyset on (has a rank, rank, id), descending: the page after a cursor starts below the rank its
 * row has now. `where` is applied inside a subquery, so it names the listed table's columns alone.
 */
async function findRankedPage<T extends { id: string }>(
  em: EntityManager,
  entity: EntityName<T>,
  table: string,
  page: PageRequest,
  rank: RankBy,
  where?: RowCondition,
): Promise<Connection<T>> {
  const column = `r."${rank.rankColumn}"`;
  const joinRank = `left join "${rank.table}" r on r."${rank.idColumn}" = t.id${rank.where ? ` and (${rank.where.sql})` : ''}`;
  const key = `${column} is not null, coalesce(${column}, 0), t.id`;
  const rankParams = rank.where?.params ?? [];
  const after = page.afterId ? `where (${key}) < (select ${key} from (select ?::uuid as id) t ${joinRank})` : '';
  const rows = (await em.getConnection().execute(
    `select t.* from (select * from "${table}" ${where ? `where ${where.sql}` : ''}) t ${joinRank} ${after}
     order by ${column} is not null desc, coalesce(${column}, 0) desc, t.id desc limit ?`,
    [...(where?.params ?? []), ...rankParams, ...(page.afterId ? [page.afterId, ...rankParams] : []), page.first + 1],
  )) as EntityDictionary<T>[];
  return toConnection(
    rows.map((row) => em.map(entity, row)),
    page,
  );
}
