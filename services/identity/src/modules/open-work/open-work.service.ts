import type { EntityManager } from '@mikro-orm/core';
import type { OpenWorkKind } from './open-work-item.entity';

export type OpenWorkCounts = Partial<Record<OpenWorkKind, number>>;

/** Open work held by anyone positioned in the subtree at `path`, active or not, by kind. */
export async function openWorkHeldUnder(em: EntityManager, path: string): Promise<OpenWorkCounts> {
  const rows = (await em.getConnection().execute(
    `select w.kind, count(*)::int as n
       from open_work_item w
       join app_user u on u.id = w.holder_id
       join org_unit o on o.id = u.org_unit_id
      where o.path <@ ?::ltree
      group by w.kind`,
    [path],
    'all',
    em.getTransactionContext(),
  )) as { kind: OpenWorkKind; n: number }[];
  return Object.fromEntries(rows.map((row) => [row.kind, row.n]));
}
