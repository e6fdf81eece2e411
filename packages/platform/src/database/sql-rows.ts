import type { EntityManager } from '@mikro-orm/core';

/**
 * The rows of a raw statement, run in the caller's transaction when there is one (so a write sees
 * what it has flushed, and a lock it takes lasts until its commit).
 */
export async function sqlRows<T>(em: EntityManager, sql: string, params: readonly unknown[] = []): Promise<T[]> {
  return (await em.getConnection().execute(sql, [...params], 'all', em.getTransactionContext())) as T[];
}
