import { visibleCustomerCondition } from '@crm/customers/replica';
import { createScope, sqlRows, type Actor, type RowCondition, type Scope } from '@crm/platform';
import { LockMode, type EntityManager } from '@mikro-orm/core';
import { Order } from './order.entity';
import { OrderNotFoundException } from './order.exception';

/** ORG-2: an order is seen by whoever sees its ordering customer or its bill-to party (an HQ sees what its branches charge to it). */
export function visibleOrders(actor: Actor | null): RowCondition {
  const ordering = visibleCustomerCondition(actor, 'customer_id');
  const billed = visibleCustomerCondition(actor, 'bill_to_id');
  return { sql: `(${ordering.sql} or ${billed.sql})`, params: [...ordering.params, ...billed.params] };
}

/**
 * The order to change, locked until the transaction ends so a payment, a return or another step
 * on it waits; NOT_FOUND alike for an order that does not exist and one the actor may not see.
 */
export async function lockVisibleOrder(em: EntityManager, actor: Actor, id: string, field = 'id'): Promise<Order> {
  const visible = visibleOrders(actor);
  const rows = await sqlRows(em, `select 1 from sales_order where id = ? and ${visible.sql}`, [id, ...visible.params]);
  if (!rows.length) throw new OrderNotFoundException(id, field);
  return em.findOneOrFail(Order, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
}

/** A write in one transaction, with a scope over it: what it stages commits together or not at all. */
export const inTransaction = <T>(scope: Scope, work: (tx: Scope) => Promise<T>): Promise<T> => scope.em.transactional((em) => work(createScope({ ...scope, em })));
