import type { Money } from '@crm/platform';
import type { Order, OrderLine } from './order.entity';

/** What a line is worth now: as sold, less what came back. */
export const netLine = (line: OrderLine): { amount: Money; cost: Money } => ({
  amount: line.amount.minus(line.unitPrice.times(line.returnedQuantity)),
  cost: line.cost.minus(line.unitCost.times(line.returnedQuantity)),
});

export const netOrder = (order: Order): { amount: Money; cost: Money } => ({ amount: order.amount.minus(order.returnedAmount), cost: order.cost.minus(order.returnedCost) });

/** ANA-3's forecast: margin, and its rate to 4 places; no rate on nothing sold. */
export const marginOf = ({ amount, cost }: { amount: Money; cost: Money }): { margin: Money; marginRate: string | null } => {
  const margin = amount.minus(cost);
  return { margin, marginRate: margin.ratio(amount) };
};
