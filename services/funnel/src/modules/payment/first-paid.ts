import { Events } from '@crm/events';
import type { Scope } from '@crm/platform';

/**
 * FUN-2: a prospect becomes a new customer on the day its first order is fully paid — not the day
 * of the contract or the order — and appraisal counts that day. Call it in the transaction that
 * fully pays `order` by a payment; a return that leaves nothing open is not a payment and does not
 * call it. Only the first call per customer records anything: the conditional upsert lets one
 * transaction alone turn the customer ACTIVE, however many pay its orders at once.
 */
export async function markFirstPaid(scope: Scope, order: { id: string; customerId: string }, paidOn: string): Promise<boolean> {
  const { em } = scope;
  const turned = (await em.getConnection().execute(
    `insert into customer_lifecycle (customer_id, status, active_since) values (?, 'ACTIVE', ?)
     on conflict (customer_id) do update set status = 'ACTIVE', active_since = excluded.active_since
      where customer_lifecycle.status <> 'ACTIVE'
     returning customer_id`,
    [order.customerId, paidOn],
    'all',
    em.getTransactionContext(),
  )) as unknown[];
  if (!turned.length) return false;
  scope.recordEvent({ type: Events.CustomerFirstPaid, key: order.customerId, payload: { customerId: order.customerId, orderId: order.id, paidOn } });
  return true;
}
