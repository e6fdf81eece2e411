import { isCustomerVisible, visibleCustomerCondition } from '@crm/customers/replica';
import { entityLoader, PageLoader, type Actor } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { Payment, PaymentAllocation } from './payment.entity';
import { figuresOf, groupToppedBy, type ReceivableFigures } from './receivables';

/** One loader per day asked about (in practice one per request: today), each batching its customers in one statement. */
function figuresByDay(em: EntityManager, parties: (keys: readonly string[]) => Promise<Map<string, readonly string[]>>) {
  const byDay = new Map<string, DataLoader<string, ReceivableFigures>>();
  return (on: string): DataLoader<string, ReceivableFigures> => {
    let loader = byDay.get(on);
    if (!loader) {
      loader = new DataLoader(async (keys) => {
        const figures = await figuresOf(em, on, await parties(keys));
        return keys.map((key) => figures.get(key)!);
      });
      byDay.set(on, loader);
    }
    return loader;
  };
}

/** Payments are read through their payer's visibility; what hangs under a visible payment is read freely. */
export function createPaymentLoaders(em: EntityManager, actor: Actor | null) {
  const receivableGroup = new DataLoader<string, string[] | null>((customerIds) => Promise.all(customerIds.map((id) => groupToppedBy(em, id))));
  return {
    payment: entityLoader(em, Payment, visibleCustomerCondition(actor, 'payer_id')),
    paymentAllocations: new PageLoader(em, PaymentAllocation, 'payment_id'),
    receivableGroup,
    /** What each customer owes as its own settlement party. */
    ownReceivables: figuresByDay(em, async (ids) => new Map(ids.map((id) => [id, [id]]))),
    /** What each group's top owes over its whole group; asked only for tops of groups. */
    groupReceivables: figuresByDay(em, async (topIds) => new Map(await Promise.all(topIds.map(async (id) => [id, (await receivableGroup.load(id)) ?? [id]] as const)))),
    receivablesVisible: new DataLoader<string, boolean>((customerIds) => Promise.all(customerIds.map((id) => (actor ? isCustomerVisible(em, actor, id) : false)))),
    newCustomerOn: new DataLoader<string, string | null>(async (customerIds) => {
      const rows = (await em.getConnection().execute('select customer_id, active_since::text as active_since from customer_lifecycle where customer_id in (?)', [[...customerIds]])) as { customer_id: string; active_since: string | null }[];
      const byId = new Map(rows.map((row) => [row.customer_id, row.active_since]));
      return customerIds.map((id) => byId.get(id) ?? null);
    }),
  };
}
