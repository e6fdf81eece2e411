import type { EntityManager, EntityName } from '@mikro-orm/core';
import type { RowCondition } from '../database';
import { z } from 'zod';
import { InputException } from '../errors';
import { parseInput } from '../validation';

export const MAX_PAGE_SIZE = 100;

/** A page request: ids are UUIDv7, so "newest first" is "id descending" and the cursor is an id. */
export interface PageRequest {
  first: number;
  afterId?: string;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const pageArgsSchema = z.object({
  first: z
    .number()
    .int()
    .min(1, 'must be at least 1')
    .max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`)
    .default(20),
  after: z.string().nullish(),
});

const encodeCursor = (id: string) => Buffer.from(`id:${id}`).toString('base64url');

function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString();
  const id = decoded.startsWith('id:') ? decoded.slice(3) : '';
  if (!z.uuid().safeParse(id).success) {
    throw new InputException('after: not a cursor this API issued; pass pageInfo.endCursor of the previous page', 'after');
  }
  return id;
}

export function parsePageArgs(args: { first?: number | null; after?: string | null }): PageRequest {
  const { first, after } = parseInput(pageArgsSchema, { first: args.first ?? undefined, after: args.after });
  return { first, afterId: after ? decodeCursor(after) : undefined };
}

/** Builds a connection from rows fetched with `limit first + 1`, newest first. */
export function toConnection<T extends { id: string }>(rows: readonly T[], page: PageRequest): Connection<T> {
  const nodes = rows.slice(0, page.first);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(node.id), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > page.first, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

/**
 * One page of children for each of many parents in one statement (a lateral join), so a list
 * field under a batch of federated entities costs one query, not one per parent.
 */
export async function findPagesByParent<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  parentColumn: string,
  parentIds: readonly string[],
  page: PageRequest,
  where?: RowCondition,
): Promise<Map<string, T[]>> {
  const table = em.getMetadata().get(entity).tableName;
  const params: unknown[] = [[...parentIds]];
  const afterClause = page.afterId ? 'and c.id < ?' : '';
  if (page.afterId) params.push(page.afterId);
  const whereClause = where ? `and (${where.sql})` : '';
  params.push(...(where?.params ?? []), page.first + 1);
  const rows = await em.getConnection().execute<Record<string, unknown>[]>(
    `select c.* from unnest(array[?]::uuid[]) as p(parent_id)
     cross join lateral (
       select * from "${table}" c where c."${parentColumn}" = p.parent_id ${afterClause} ${whereClause}
       order by c.id desc limit ?
     ) c`,
    params,
  );
  const byParent = new Map<string, T[]>(parentIds.map((id) => [id, []]));
  for (const row of rows) {
    byParent.get(String(row[parentColumn]))?.push(em.map(entity, row));
  }
  return byParent;
}
