import { requireVisibleCustomer, visibleCustomerCondition } from '@crm/customers/replica';
import { Events } from '@crm/events';
import { createScope, fields, findPage, Money, parseInput, requireActor, shanghaiDate, type Actor, type Connection, type PageRequest, type Scope } from '@crm/platform';
import { LockMode, type EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { PaymentMethod } from '../../generated/graphql';
import { Order } from '../order';
import { moneyInput } from '../product';
import { allocateAsChosen, allocateOldestFirst, checkChosen, type Allocation, type ChosenAllocation } from './allocation';
import { markFirstPaid } from './first-paid';
import { Payment, PaymentAllocation } from './payment.entity';
import { InvalidPaymentException } from './payment.exception';
import { paymentPermissions } from './payment.permissions';

const MAX_ALLOCATIONS = 200;

const filterInput = z.object({ payerId: fields.id('payerId').nullish() });

const recordInput = z.object({
  payerId: fields.id('payerId'),
  amount: moneyInput,
  receivedOn: z.iso.date('must be a date YYYY-MM-DD (Shanghai calendar)').nullish(),
  method: z.enum(PaymentMethod),
  reference: fields.text(100).nullish(),
  allocations: z
    .array(z.object({ orderId: fields.id('orderId'), amount: moneyInput }))
    .max(MAX_ALLOCATIONS, `at most ${MAX_ALLOCATIONS} orders at once`)
    .nullish(),
});

/** A Money scalar has parsed it already; a string from a direct call is held to the same rules. Either way more than 0. */
function positive(value: Money | string, field: string): Money {
  const amount = typeof value === 'string' ? Money.of(value, field) : value;
  if (amount.compare(Money.zero) <= 0) throw new InvalidPaymentException(field, 'INVALID_AMOUNT', `${amount.toString()} is not more than 0.00.`);
  return amount;
}

/** Money is recorded when it has arrived: today or before, never a day still to come. */
function receivedOnOf(scope: Scope, given: string | null | undefined): string {
  const today = shanghaiDate(scope.clock.now());
  if (given && given > today) throw new InvalidPaymentException('receivedOn', 'INVALID_DATE', `${given} is after today (${today}); record a payment once it has arrived.`);
  return given ?? today;
}

/**
 * The orders a payment may change, locked until it commits so a concurrent payment or return waits
 * instead of overwriting their money columns; always in id order, so two payments never deadlock.
 */
async function lockOrders(em: EntityManager, where: { id: { $in: string[] } } | { billToId: string; openAmount: { $gt: Money } }): Promise<Map<string, Order>> {
  const orders = await em.find(Order, where, { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' } });
  return new Map(orders.map((order) => [order.id, order]));
}

async function allocate(em: EntityManager, payerId: string, amount: Money, chosen: readonly ChosenAllocation[] | undefined): Promise<Allocation[]> {
  if (chosen) return allocateAsChosen(payerId, chosen, await lockOrders(em, { id: { $in: chosen.map((choice) => choice.orderId) } }));
  const open = await lockOrders(em, { billToId: payerId, openAmount: { $gt: Money.zero } });
  return allocateOldestFirst(amount, [...open.values()]);
}

/**
 * One part of a payment applied to its order. The order's paid day is when the money arrived, or
 * its placement if the money came first: nothing is paid before it is owed.
 */
async function settle(tx: Scope, payment: Payment, { order, amount }: Allocation): Promise<void> {
  tx.em.create(PaymentAllocation, { paymentId: payment.id, orderId: order.id, amount });
  order.paidAmount = order.paidAmount.plus(amount);
  order.openAmount = order.openAmount.minus(amount);
  if (!order.openAmount.isZero()) return;
  order.fullyPaidOn = order.placedOn && order.placedOn > payment.receivedOn ? order.placedOn : payment.receivedOn;
  await markFirstPaid(tx, order, order.fullyPaidOn);
}

const allocationsOf = (allocations: readonly Allocation[]) => allocations.map(({ order, amount }) => ({ orderId: order.id, customerId: order.customerId, amount: amount.toString() }));

/**
 * FUN-11: a payment from a settlement party (seed 000 §2: an HQ pays what its branches ordered and
 * billed to it), applied to its orders as chosen, or oldest first; see `recordPayment` in the SDL.
 */
export async function recordPayment(scope: Scope, input: unknown): Promise<Payment> {
  const data = parseInput(recordInput, input);
  const amount = positive(data.amount, 'amount');
  const chosen = data.allocations?.map((choice, index) => ({ orderId: choice.orderId.toLowerCase(), amount: positive(choice.amount, `allocations.${index}.amount`) }));
  if (chosen) checkChosen(amount, chosen);
  const receivedOn = receivedOnOf(scope, data.receivedOn);
  const actor = requireActor(scope.actor);
  const payerId = data.payerId.toLowerCase();
  await requireVisibleCustomer(scope.em, actor, payerId);
  paymentPermissions.require(actor, 'payment.record');
  return scope.em.transactional(async (em) => {
    const tx = createScope({ ...scope, em });
    const allocations = await allocate(em, payerId, amount, chosen);
    const unapplied = amount.minus(Money.sum(allocations.map((allocation) => allocation.amount)));
    const payment = em.create(Payment, { payerId, amount, receivedOn, method: data.method, reference: data.reference ?? null, unapplied, recordedById: actor.userId, recordedAt: scope.clock.now() });
    for (const allocation of allocations) await settle(tx, payment, allocation);
    const recorded = { paymentId: payment.id, payerId, amount: amount.toString(), receivedOn, allocations: allocationsOf(allocations), unapplied: unapplied.toString() };
    tx.recordEvent({ type: Events.PaymentReceived, key: payerId, payload: recorded });
    tx.audit({ subjectType: 'Payment', subjectId: payment.id, action: 'payment.recorded', after: { ...recorded, method: payment.method, reference: payment.reference } });
    return payment;
  });
}

/** A payment is seen by whoever sees its payer (ORG-2); newest first. */
export function listPayments(em: EntityManager, actor: Actor | null, page: PageRequest, rawFilter: unknown): Promise<Connection<Payment>> {
  const filter = parseInput(filterInput, rawFilter ?? {});
  const visible = visibleCustomerCondition(requireActor(actor), 'payer_id');
  const where = filter.payerId ? { sql: `payer_id = ? and ${visible.sql}`, params: [filter.payerId, ...visible.params] } : visible;
  return findPage(em, Payment, page, where);
}
