import type { EntityManager } from '@mikro-orm/core';

/**
 * Re-prefixes every ltree path at or under `fromPath` with `toPath` (a subtree moved in the org
 * tree), in one statement, inside the EntityManager's transaction if it has one.
 */
export async function rehomeSubtree(em: EntityManager, table: string, column: string, fromPath: string, toPath: string): Promise<void> {
  await em.getConnection().execute(
    // subpath() refuses an empty remainder, so the subtree's root gets the new path as a whole.
    `update "${table}" set "${column}" = case when "${column}" = ?::ltree then ?::ltree else ?::ltree || subpath("${column}", nlevel(?::ltree)) end
      where "${column}" <@ ?::ltree`,
    [fromPath, toPath, toPath, fromPath, fromPath],
    'run',
    em.getTransactionContext(),
  );
}
