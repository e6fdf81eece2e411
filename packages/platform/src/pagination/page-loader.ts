import type { EntityManager, EntityName } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import type { RowCondition } from '../database';
import { findPagesByParent, parsePageArgs, toConnection, type Connection, type PageRequest } from './connection';

/**
 * Per-parent pages of child entities (e.g. a customer's leads), batched per distinct page request:
 * all parents asking for the same page size and cursor share one lateral-join statement.
 */
export class PageLoader<T extends { id: string }> {
  private readonly loaders = new Map<string, DataLoader<string, T[]>>();

  constructor(
    private readonly em: EntityManager,
    private readonly entity: EntityName<T>,
    private readonly parentColumn: string,
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
        const pages = await findPagesByParent(this.em, this.entity, this.parentColumn, parentIds, page, this.where);
        return parentIds.map((id) => pages.get(id) ?? []);
      });
      this.loaders.set(key, loader);
    }
    return loader.load(parentId);
  }
}
