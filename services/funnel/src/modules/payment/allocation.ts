import { Money } from '@crm/platform';
import type { Order } from '../order';
import { InvalidPaymentException, PaymentExceedsOpenAmountException } from './payment.exception';

export interface ChosenAllocation {
  orderId: string;
  amount: Money;
}

export interface Allocation {
  order: Order;
  amount: Money;
}

/** What the input alone decides, before anything is read: each order once, and no more given out than was paid. */
export function checkChosen(amount: Money, chosen: readonly ChosenAllocation[]): void {
  const seen = new Set<string>();
  chosen.forEach((choice, index) => {
    if (seen.has(choice.orderId)) throw new InvalidPaymentException(`allocations.${index}.orderId`, 'INVALID_ALLOCATION', `order ${choice.orderId} is given twice; give each order once.`);
    seen.add(choice.orderId);
  });
  const allocated = Money.sum(chosen.map((choice) => choice.amount));
  if (allocated.compare(amount) > 0) {
    throw new InvalidPaymentException('allocations', 'ALLOCATIONS_EXCEED_PAYMENT', `they add up to ${allocated.toString()}, more than the ${amount.toString()} paid.`, { allocated: allocated.toString(), amount: amount.toString() });
  }
}

/** The parts chosen, each against an open order billed to the payer and at most what it still owes. */
export function allocateAsChosen(payerId: string, chosen: readonly ChosenAllocation[], orders: ReadonlyMap<string, Order>): Allocation[] {
  return chosen.map((choice, index) => {
    const order = orders.get(choice.orderId);
    if (order?.billToId !== payerId) {
      throw new InvalidPaymentException(`allocations.${index}.orderId`, 'INVALID_ALLOCATION', `order ${choice.orderId} is not billed to the payer; a payment settles only orders billed to its payer.`);
    }
    if (choice.amount.compare(order.openAmount) > 0) {
      throw new InvalidPaymentException(`allocations.${index}.amount`, 'ALLOCATION_EXCEEDS_OPEN', `${choice.amount.toString()} is more than the ${order.openAmount.toString()} order ${order.number} still owes.`, {
        orderId: order.id,
        openAmount: order.openAmount.toString(),
      });
    }
    return { order, amount: choice.amount };
  });
}

/** The order in which a payment without allocations settles orders: the one due first, then placed first. */
const oldestFirst = (a: Order, b: Order): number => (a.dueOn ?? '').localeCompare(b.dueOn ?? '') || (a.placedOn ?? '').localeCompare(b.placedOn ?? '') || a.id.localeCompare(b.id);

/** The oldest open orders first, each settled as far as the money goes; all of it must be applied. */
export function allocateOldestFirst(amount: Money, openOrders: readonly Order[]): Allocation[] {
  const openAmount = Money.sum(openOrders.map((order) => order.openAmount));
  if (amount.compare(openAmount) > 0) throw new PaymentExceedsOpenAmountException(amount, openAmount);
  const allocations: Allocation[] = [];
  let left = amount;
  for (const order of [...openOrders].sort(oldestFirst)) {
    if (left.isZero()) break;
    const part = order.openAmount.compare(left) < 0 ? order.openAmount : left;
    allocations.push({ order, amount: part });
    left = left.minus(part);
  }
  return allocations;
}
