import { visibleCustomerCondition } from '@crm/customers/replica';
import { entityLoader, isUuid, PageLoader, type Actor } from '@crm/platform';
import type { EntityDictionary, EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { creditStandings } from './credit-check';
import { visibleOrders } from './order-access';
import { Order, OrderLine, OrderReturn, OrderReturnLine, type CreditCheckFigures } from './order.entity';

/** Children of many parents in one statement, in their parents' order. */
function childrenLoader<T extends object>(em: EntityManager, entity: new () => T, table: string, parentColumn: string, orderBy: string, parentOf: (child: T) => string) {
  return new DataLoader<string, T[]>(async (parentIds) => {
    const rows = (await em.getConnection().execute(`select * from "${table}" where "${parentColumn}" in (?) order by ${orderBy}`, [[...parentIds]])) as EntityDictionary<T>[];
    const byParent = new Map<string, T[]>(parentIds.map((id) => [id, []]));
    for (const row of rows) {
      const child = em.map(entity, row);
      byParent.get(parentOf(child))?.push(child);
    }
    return parentIds.map((id) => byParent.get(id) ?? []);
  });
}

/** Orders are read through the actor's visibility; what hangs under a visible order is read freely. */
export function createOrderLoaders(em: EntityManager, actor: Actor | null) {
  const visible = visibleOrders(actor);
  return {
    order: entityLoader(em, Order, visible),
    orderLine: entityLoader(em, OrderLine),
    orderLines: childrenLoader(em, OrderLine, 'sales_order_line', 'order_id', 'line_no', (line) => line.orderId),
    orderReturns: new PageLoader(em, OrderReturn, 'order_id'),
    orderReturnLines: childrenLoader(em, OrderReturnLine, 'sales_order_return_line', 'return_id', 'id', (line) => line.returnId),
    ordersByCustomer: new PageLoader(em, Order, 'customer_id', visible),
    /** A customer's standing as a credit check would meet it now; null for one the actor cannot see. */
    customerCredit: new DataLoader<string, CreditCheckFigures | null>(async (customerIds) => {
      const standings = await creditStandings(em, customerIds.filter(isUuid), visibleCustomerCondition(actor, 'customer_id'));
      return customerIds.map((id) => standings.get(id.toLowerCase()) ?? null);
    }),
  };
}
