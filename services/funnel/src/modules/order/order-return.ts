import { Events } from '@crm/events';
import { fields, Money, parseInput, requireActor, shanghaiDate, type Scope } from '@crm/platform';
import { z } from 'zod';
import { OrderStatus } from '../../generated/graphql';
import { inTransaction, lockVisibleOrder } from './order-access';
import { OrderLine, OrderReturn, OrderReturnLine, type Order } from './order.entity';
import { InvalidOrderInputException, OrderStatusException } from './order.exception';
import { orderPermissions } from './order.permissions';

const returnInput = z.object({
  orderId: fields.id('orderId'),
  reason: fields.text(1000),
  lines: z
    .array(z.object({ lineId: fields.id('lineId'), quantity: z.number().int() }))
    .min(1, 'name at least one line, or omit lines for the whole order')
    .max(200)
    .nullish(),
});

type Returned = { line: OrderLine; quantity: number };

/** What comes back: the named lines and quantities, or everything not yet returned. */
function returnedLines(lines: readonly OrderLine[], asked: z.infer<typeof returnInput>['lines']): Returned[] {
  if (!asked) {
    const rest = lines.filter((line) => line.quantity > line.returnedQuantity).map((line) => ({ line, quantity: line.quantity - line.returnedQuantity }));
    if (!rest.length) throw new InvalidOrderInputException('lines', 'INVALID_QUANTITY', 'everything on this order has come back already.');
    return rest;
  }
  const byId = new Map(lines.map((line) => [line.id, line]));
  const seen = new Set<string>();
  return asked.map(({ lineId, quantity }, index) => {
    const line = byId.get(lineId.toLowerCase());
    if (!line || seen.has(line.id)) throw new InvalidOrderInputException(`lines.${index}.lineId`, 'INVALID_QUANTITY', `${lineId} is not a line of this order, or is named twice.`);
    seen.add(line.id);
    const left = line.quantity - line.returnedQuantity;
    if (quantity < 1 || quantity > left) throw new InvalidOrderInputException(`lines.${index}.quantity`, 'INVALID_QUANTITY', `return 1 to ${left} (sold ${line.quantity}, returned ${line.returnedQuantity}).`);
    return { line, quantity };
  });
}

/**
 * Exactly the returned goods' revenue and cost come off the order, and so off its rep's figures; the
 * bill-to party owes that much less. What it had already paid beyond what is still open is owed
 * back to it (refundDue).
 */
function applyReturn(tx: Scope, order: Order, returned: readonly Returned[], reason: string): OrderReturn {
  const returnedAt = tx.clock.now();
  const record = tx.em.create(OrderReturn, { orderId: order.id, reason, returnedAt, returnedOn: shanghaiDate(returnedAt), amount: Money.zero, cost: Money.zero, refundDue: Money.zero, recordedById: tx.actor!.userId });
  const lines = returned.map(({ line, quantity }) => {
    line.returnedQuantity += quantity;
    return tx.em.create(OrderReturnLine, { returnId: record.id, lineId: line.id, quantity, amount: line.unitPrice.times(quantity), cost: line.unitCost.times(quantity) });
  });
  record.amount = Money.sum(lines.map((line) => line.amount));
  record.cost = Money.sum(lines.map((line) => line.cost));
  const lessOwed = order.openAmount.compare(record.amount) < 0 ? order.openAmount : record.amount;
  record.refundDue = record.amount.minus(lessOwed);
  Object.assign(order, { returnedAmount: order.returnedAmount.plus(record.amount), returnedCost: order.returnedCost.plus(record.cost), openAmount: order.openAmount.minus(lessOwed) });
  return record;
}

export async function returnOrderLines(scope: Scope, input: unknown): Promise<OrderReturn> {
  const data = parseInput(returnInput, input);
  const actor = requireActor(scope.actor);
  orderPermissions.require(actor, 'order.enter');
  return inTransaction(scope, async (tx) => {
    const order = await lockVisibleOrder(tx.em, actor, data.orderId, 'orderId');
    if (order.status !== OrderStatus.Shipped && order.status !== OrderStatus.Completed) throw new OrderStatusException(order.number, order.status, 'SHIPPED or COMPLETED (cancel an order not yet shipped)');
    const returned = returnedLines(await tx.em.find(OrderLine, { orderId: order.id }, { orderBy: { lineNo: 'asc' } }), data.lines);
    const record = applyReturn(tx, order, returned, data.reason);
    tx.recordEvent({
      type: Events.OrderReturned,
      key: order.id,
      payload: {
        returnId: record.id,
        orderId: order.id,
        customerId: order.customerId,
        billToId: order.billToId,
        returnedAt: record.returnedAt.toISOString(),
        returnedOn: record.returnedOn,
        amount: record.amount.toString(),
        cost: record.cost.toString(),
        refundDue: record.refundDue.toString(),
        reason: record.reason,
        lines: returned.map(({ line, quantity }) => ({ lineId: line.id, productId: line.productId, repId: line.repId, quantity, amount: line.unitPrice.times(quantity).toString(), cost: line.unitCost.times(quantity).toString() })),
      },
    });
    tx.audit({ subjectType: 'Order', subjectId: order.id, action: 'order.returned', after: { returnId: record.id, amount: record.amount.toString(), refundDue: record.refundDue.toString() }, reason: record.reason });
    await tx.em.flush();
    return record;
  });
}
