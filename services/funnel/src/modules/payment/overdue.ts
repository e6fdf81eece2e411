import { fields, parseInput, requireActor, shanghaiDate, toConnection, type Connection, type PageRequest, type Scope } from '@crm/platform';
import type { EntityDictionary } from '@mikro-orm/core';
import { z } from 'zod';
import { Order, visibleOrders } from '../order';

export interface OverdueOrderRecord {
  /** The order's id: the list's cursor. */
  id: string;
  order: Order;
  daysOverdue: number;
}

const filterInput = z.object({
  customerId: fields.id('customerId').nullish(),
  minDaysOverdue: z.number().int().min(1, 'must be at least 1').max(36_500, 'must be at most 36500').nullish(),
});

/**
 * Open orders past their due day, the longest overdue first (keyset on the partial index of open
 * orders by due day). "Overdue" is against today's Shanghai date from the clock, so the list moves
 * as days pass without anything being written.
 */
export async function listOverdueOrders(scope: Scope, page: PageRequest, rawFilter: unknown): Promise<Connection<OverdueOrderRecord>> {
  const filter = parseInput(filterInput, rawFilter ?? {});
  const visible = visibleOrders(requireActor(scope.actor));
  const today = shanghaiDate(scope.clock.now());
  const customer = filter.customerId ? { sql: 'and (customer_id = ? or bill_to_id = ?)', params: [filter.customerId, filter.customerId] } : { sql: '', params: [] };
  const after = page.afterId ? { sql: 'and (due_on, id) > (select due_on, id from sales_order where id = ?)', params: [page.afterId] } : { sql: '', params: [] };
  const found = (await scope.em.getConnection().execute(
    `select *, ?::date - due_on as days_overdue from sales_order
      where open_amount > 0 and due_on <= ?::date - ?::int and ${visible.sql} ${customer.sql} ${after.sql}
      order by due_on, id limit ?`,
    [today, today, filter.minDaysOverdue ?? 1, ...visible.params, ...customer.params, ...after.params, page.first + 1],
  )) as (EntityDictionary<Order> & { days_overdue: number })[];
  return toConnection(
    found.map(({ days_overdue: daysOverdue, ...row }) => {
      const order = scope.em.map(Order, row);
      return { id: order.id, order, daysOverdue };
    }),
    page,
  );
}
