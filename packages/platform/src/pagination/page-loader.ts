import type { EntityDictionary, EntityManager, EntityName } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import type { RowCondition } from '../database';
import { findPagesByParent, parsePageArgs, toConnection, type Connection, type PageRequest } from './connection';

/**
 * A many-to-many link: children reach their parents through a join table holding both ids, e.g.
 * `{ table: 'campaign_customer', parentColumn: 'customer_id', childColumn: 'campaign_id' }` for
 * `Customer.campaigns` when a campaign targets many customers.
 */
export interface JoinTable {
  table: string;
  /** The join table's column holding the parent's id. */
  parentColumn: string;
  /** The join table's column holding the child's id. */
  childColumn: string;
}

const PARENT_ID = '__page_parent_id';

/**
 * One page of children for each of many parents linked through a join table, in one statement: for
 * each parent (a lateral join) the children whose ids the join table pairs with it, newest first,
 * after the cursor and within `where`. A child linked to several parents appears in each one's page.
 */
export async function findPagesThrough<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  join: JoinTable,
  parentIds: readonly string[],
  page: PageRequest,
  where?: RowCondition,
): Promise<Map<string, T[]>> {
  const meta = em.getMetadata().get(entity);
  const idColumn = meta.getPrimaryProps()[0]!.fieldNames[0]!;
  const params: unknown[] = [[...parentIds]];
  const afterClause = page.afterId ? `and c."${idColumn}" < ?` : '';
  if (page.afterId) params.push(page.afterId);
  // `where` names the child's columns unqualified: inside the lateral subquery only the child is in scope.
  const whereClause = where ? `and (${where.sql})` : '';
  params.push(...(where?.params ?? []), page.first + 1);
  const rows = await em.getConnection().execute<EntityDictionary<T>[]>(
    `select p.parent_id as "${PARENT_ID}", c.* from unnest(array[?]::uuid[]) as p(parent_id)
     cross join lateral (
       select * from "${meta.tableName}" c
        where c."${idColumn}" in (select j."${join.childColumn}" from "${join.table}" j where j."${join.parentColumn}" = p.parent_id)
          ${afterClause} ${whereClause}
        order by c."${idColumn}" desc limit ?
     ) c`,
    params,
  );
  const byParent = new Map<string, T[]>(parentIds.map((id) => [id, []]));
  for (const { [PARENT_ID]: parentId, ...row } of rows) {
    byParent.get(String(parentId))?.push(em.map(entity, row as EntityDictionary<T>));
  }
  return byParent;
}

/**
 * Per-parent pages of child entities, batched per distinct page request: all parents asking for the
 * same page size and cursor share one lateral-join statement. The children point at their parent
 * (`parent` is the child's column, e.g. a lead's `customer_id`), or are linked to parents through a
 * join table (`parent` is a `JoinTable`).
 */
export class PageLoader<T extends { id: string }> {
  private readonly loaders = new Map<string, DataLoader<string, T[]>>();

  constructor(
    private readonly em: EntityManager,
    private readonly entity: EntityName<T>,
    private readonly parent: string | JoinTable,
    /** Limits the children to what the actor may see. */
    private readonly where?: RowCondition,
  ) {}

  /** The connection for one parent, from the list field's `first`/`after` arguments. */
  async connection(parentId: string, args: { first?: number | null; after?: string | null }): Promise<Connection<T>> {
    const page = parsePageArgs(args);
    return toConnection(await this.load(parentId, page), page);
  }

  private load(parentId: string, page: PageRequest): Promise<T[]> {
    const key = `${page.first}:${page.afterId ?? ''}`;
    let loader = this.loaders.get(key);
    if (!loader) {
      loader = new DataLoader(async (parentIds) => {
        const pages =
          typeof this.parent === 'string'
            ? await findPagesByParent(this.em, this.entity, this.parent, parentIds, page, this.where)
            : await findPagesThrough(this.em, this.entity, this.parent, parentIds, page, this.where);
        return parentIds.map((id) => pages.get(id) ?? []);
      });
      this.loaders.set(key, loader);
    }
    return loader.load(parentId);
  }
}
