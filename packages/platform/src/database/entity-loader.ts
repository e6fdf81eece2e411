import type { EntityManager, EntityName, FilterQuery } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { z } from 'zod';

const isUuid = (value: string) => z.uuid().safeParse(value).success;

/**
 * Loads entities by id, batching every `load` of one tick into a single `where id in (…)`.
 * This is what makes `_entities` cost one statement whatever the batch size; malformed ids
 * resolve to null instead of reaching the database.
 */
export function entityLoader<T extends { id: string }>(em: EntityManager, entity: EntityName<T>): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (ids) => {
    const valid = [...new Set(ids.filter(isUuid))];
    // MikroORM cannot type a filter on a type parameter, hence the cast.
    const filter = { id: { $in: valid } } as unknown as FilterQuery<T>;
    const rows = valid.length ? await em.find(entity, filter) : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
