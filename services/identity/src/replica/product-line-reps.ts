import { pgArray } from '@crm/events';
import type { EntityManager } from '@mikro-orm/core';

/**
 * ORG-4: who sells each of these product lines for a team — the member the team's map names, the
 * leader for a line nobody is named for — as product line → user id. Empty when the directory
 * does not know the team (not replicated yet), so the caller decides what that means. Reads
 * `directory_sales_team` and `directory_product_line_rep`: a subgraph's replica, or identity's
 * views of those names over its own tables, so identity's `repForProductLine` is this same rule.
 */
export async function repsForProductLines(em: EntityManager, teamId: string, productLines: readonly string[]): Promise<Map<string, string>> {
  const rows = (await em.getConnection().execute(
    `select l.product_line, coalesce(r.user_id, t.leader_id) as user_id
       from directory_sales_team t
       cross join unnest(?::text[]) as l(product_line)
       left join directory_product_line_rep r on r.team_id = t.id and r.product_line = l.product_line
      where t.id = ?`,
    [pgArray(productLines), teamId],
    'all',
    em.getTransactionContext(),
  )) as { product_line: string; user_id: string }[];
  return new Map(rows.map((row) => [row.product_line, row.user_id]));
}
