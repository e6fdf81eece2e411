import type { EntityDictionary, EntityManager, EntityName } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { z } from 'zod';
import type { RowCondition } from './row-condition';

/** Whether an id from outside (a federated representation) can be a row id at all: anything else would fail the cast. */
export const isUuid = (value: string) => z.uuid().safeParse(value).success;

/**
 * Loads entities by id, batching every `load` of one tick into a single `where id in (…)`.
 * This is what makes `_entities` cost one statement whatever the batch size. Malformed ids, and
 * rows outside `where` (what the actor may not see), resolve to null.
 */
export function entityLoader<T extends { id: string }>(
  em: EntityManager,
  entity: EntityName<T>,
  where?: RowCondition,
): DataLoader<string, T | null> {
  const meta = em.getMetadata().get(entity);
  // The id property may map to another column name (e.g. analytics' owner_id).
  const idColumn = meta.getPrimaryProps()[0]!.fieldNames[0];
  const sql = `select * from "${meta.tableName}" where "${idColumn}" in (?) ${where ? `and (${where.sql})` : ''}`;
  return new DataLoader<string, T | null>(async (ids) => {
    const valid = [...new Set(ids.filter(isUuid))];
    const rows = valid.length
      ? ((await em.getConnection().execute(sql, [valid, ...(where?.params ?? [])])) as EntityDictionary<T>[])
      : [];
    const byId = new Map(rows.map((row) => em.map(entity, row)).map((found) => [found.id, found]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
