import { Events } from '@crm/events';
import { fields, findPage, Money, parseInput, requireActor, shanghaiDate, sqlRows, type Actor, type Connection, type PageRequest, type RowCondition, type Scope } from '@crm/platform';
import type { CreditLimits } from '@crm/customers/replica';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { CreditOverLimitAction, OrderStatus } from '../../generated/graphql';
import { checkCreditToPlace, creditStandings } from './credit-check';
import { inTransaction, lockVisibleOrder, visibleOrders } from './order-access';
import { CreditPolicy, Order, OrderLine } from './order.entity';
import { CreditLimitExceededException, OrderHasPaymentsException, OrderStatusException } from './order.exception';
import { draftOrder, type OrderDraft, type OrderPreview } from './order-lines';
import { orderPermissions } from './order.permissions';

const idInput = z.object({ id: fields.id('id') });
const reasonInput = z.object({ id: fields.id('id'), reason: fields.text(1000) });
const approveInput = z.object({ id: fields.id('id'), note: fields.text(1000) });
const filterInput = z.object({ status: z.enum(OrderStatus).nullish(), customerId: fields.id('customerId').nullish(), repId: fields.id('repId').nullish() });

function enteringActor(scope: Scope): Actor {
  const actor = requireActor(scope.actor);
  orderPermissions.require(actor, 'order.enter');
  return actor;
}

function requireStatus(order: Order, allowed: readonly OrderStatus[]): void {
  if (!allowed.includes(order.status)) throw new OrderStatusException(order.number, order.status, allowed.join(' or '));
}

/** ANA-3: the forecast as the order is entered, with the credit check placing it would meet. Writes nothing. */
export async function previewOrder(scope: Scope, input: unknown): Promise<OrderPreview> {
  const draft = await draftOrder(scope, enteringActor(scope), input);
  return { ...draft, creditCheck: (await creditStandings(scope.em, [draft.billToId], undefined, draft.amount)).get(draft.billToId)! };
}

async function nextOrderNumber(em: EntityManager): Promise<string> {
  const [row] = await sqlRows<{ number: string }>(em, `select 'SO' || lpad(nextval('sales_order_number_seq')::text, 8, '0') as number`);
  return row!.number;
}

async function saveDraft(tx: Scope, actor: Actor, draft: OrderDraft, quoteId: string | null): Promise<{ order: Order; lines: OrderLine[] }> {
  const { em } = tx;
  const order = em.create(Order, {
    number: await nextOrderNumber(em),
    status: OrderStatus.Draft,
    customerId: draft.customerId,
    shipToId: draft.shipToId,
    billToId: draft.billToId,
    opportunityId: draft.opportunityId,
    quoteId,
    paymentTermDays: draft.paymentTermDays,
    note: draft.note,
    amount: draft.amount,
    cost: draft.cost,
    returnedAmount: Money.zero,
    returnedCost: Money.zero,
    paidAmount: Money.zero,
    openAmount: Money.zero,
    createdById: actor.userId,
    createdAt: tx.clock.now(),
  });
  const lines = draft.lines.map(({ mainLine: _mainLine, ...line }, index) => em.create(OrderLine, { ...line, orderId: order.id, lineNo: index + 1 }));
  draft.lines.forEach((line, index) => {
    if (line.mainLine !== null) lines[index]!.mainLineId = lines[line.mainLine]!.id;
  });
  tx.audit({ subjectType: 'Order', subjectId: order.id, action: 'order.created', after: { number: order.number, customerId: order.customerId, billToId: order.billToId, amount: order.amount.toString(), lines: lines.length } });
  return { order, lines };
}

/**
 * FUN-11: a draft order, saved exactly as previewOrder shows it; placed at once when asked, and then
 * a refused credit check leaves nothing written. `origin` names the quote it was accepted from.
 */
export async function createOrder(scope: Scope, input: unknown, origin?: { quoteId: string }): Promise<Order> {
  const actor = enteringActor(scope);
  return inTransaction(scope, async (tx) => {
    const draft = await draftOrder(tx, actor, input);
    const { order, lines } = await saveDraft(tx, actor, draft, origin?.quoteId ?? null);
    if (draft.place) await placeWithCreditCheck(tx, order, lines, draft.billToLimits);
    await tx.em.flush();
    return order;
  });
}

/** The one rule of an order becoming owed: from now on it counts in its bill-to party's exposure. */
function markPlaced(tx: Scope, order: Order, lines: readonly OrderLine[]): void {
  const placedAt = tx.clock.now();
  const placedOn = shanghaiDate(placedAt);
  const due = new Date(`${placedOn}T00:00:00Z`);
  due.setUTCDate(due.getUTCDate() + order.paymentTermDays);
  Object.assign(order, { status: OrderStatus.Placed, placedAt, placedOn, dueOn: due.toISOString().slice(0, 10), openAmount: order.amount.minus(order.returnedAmount).minus(order.paidAmount) });
  tx.recordEvent({
    type: Events.OrderPlaced,
    key: order.id,
    payload: {
      orderId: order.id,
      number: order.number,
      customerId: order.customerId,
      shipToId: order.shipToId,
      billToId: order.billToId,
      placedAt: placedAt.toISOString(),
      placedOn,
      amount: order.amount.toString(),
      cost: order.cost.toString(),
      lines: lines.map((line) => ({ lineId: line.id, productId: line.productId, productLine: line.productLine, mainLineId: line.mainLineId, quantity: line.quantity, amount: line.amount.toString(), cost: line.cost.toString(), repId: line.repId })),
    },
  });
  tx.audit({ subjectType: 'Order', subjectId: order.id, action: 'order.placed', after: { status: order.status, dueOn: order.dueOn, creditCheck: order.creditCheck } });
}

/**
 * CUS-4 at placement: within every limit the order is placed; over one, the credit policy either
 * refuses it (the transaction, and so the placement, rolls back) or holds it for a manager.
 */
async function placeWithCreditCheck(tx: Scope, order: Order, lines: readonly OrderLine[], limits?: CreditLimits): Promise<void> {
  const figures = await checkCreditToPlace(tx.em, order.billToId, order.amount, limits);
  order.creditCheck = figures;
  if (figures.withinLimits) return markPlaced(tx, order, lines);
  const policy = await tx.em.findOneOrFail(CreditPolicy, { id: 1 });
  if (policy.overLimit === CreditOverLimitAction.Refuse) throw new CreditLimitExceededException(figures.orderAmount, figures.limits.filter((check) => check.exceeded));
  order.status = OrderStatus.CreditHold;
  tx.audit({ subjectType: 'Order', subjectId: order.id, action: 'order.credit_held', after: { status: order.status, creditCheck: figures } });
}

const linesOf = (em: EntityManager, order: Order) => em.find(OrderLine, { orderId: order.id }, { orderBy: { lineNo: 'asc' } });

/** An order step in one transaction on the locked, visible order. */
function onOrder(scope: Scope, actor: Actor, id: string, step: (tx: Scope, order: Order) => Promise<void> | void): Promise<Order> {
  return inTransaction(scope, async (tx) => {
    const order = await lockVisibleOrder(tx.em, actor, id);
    await step(tx, order);
    await tx.em.flush();
    return order;
  });
}

export function placeOrder(scope: Scope, input: unknown): Promise<Order> {
  const { id } = parseInput(idInput, input);
  return onOrder(scope, enteringActor(scope), id, async (tx, order) => {
    requireStatus(order, [OrderStatus.Draft]);
    await placeWithCreditCheck(tx, order, await linesOf(tx.em, order));
  });
}

/** A manager takes the credit risk of a held order: it is placed as it stands, the check's figures kept. */
export function approveOrderCredit(scope: Scope, input: unknown): Promise<Order> {
  const { id, note } = parseInput(approveInput, input);
  const actor = requireActor(scope.actor);
  orderPermissions.require(actor, 'order.approve_credit');
  return onOrder(scope, actor, id, async (tx, order) => {
    requireStatus(order, [OrderStatus.CreditHold]);
    order.creditCheck = await checkCreditToPlace(tx.em, order.billToId, order.amount);
    tx.audit({ subjectType: 'Order', subjectId: order.id, action: 'order.credit_approved', before: { status: OrderStatus.CreditHold }, after: { creditCheck: order.creditCheck }, reason: note });
    markPlaced(tx, order, await linesOf(tx.em, order));
  });
}

function cancel(tx: Scope, order: Order, reason: string, action: string): void {
  if (!order.paidAmount.isZero()) throw new OrderHasPaymentsException(order.number, order.paidAmount.toString());
  const wasPlaced = order.status === OrderStatus.Placed;
  const before = { status: order.status, openAmount: order.openAmount.toString() };
  Object.assign(order, { status: OrderStatus.Cancelled, openAmount: Money.zero, cancelledAt: tx.clock.now(), cancelReason: reason });
  tx.recordEvent({ type: Events.OrderCancelled, key: order.id, payload: { orderId: order.id, customerId: order.customerId, wasPlaced, reason, cancelledAt: order.cancelledAt!.toISOString() } });
  tx.audit({ subjectType: 'Order', subjectId: order.id, action, before, after: { status: order.status }, reason });
}

export function rejectOrderCredit(scope: Scope, input: unknown): Promise<Order> {
  const { id, reason } = parseInput(reasonInput, input);
  const actor = requireActor(scope.actor);
  orderPermissions.require(actor, 'order.approve_credit');
  return onOrder(scope, actor, id, (tx, order) => {
    requireStatus(order, [OrderStatus.CreditHold]);
    cancel(tx, order, reason, 'order.credit_rejected');
  });
}

/** Before shipping only: once goods have left, a return undoes them. */
export function cancelOrder(scope: Scope, input: unknown): Promise<Order> {
  const { id, reason } = parseInput(reasonInput, input);
  return onOrder(scope, enteringActor(scope), id, (tx, order) => {
    requireStatus(order, [OrderStatus.Draft, OrderStatus.CreditHold, OrderStatus.Placed]);
    cancel(tx, order, reason, 'order.cancelled');
  });
}

export function shipOrder(scope: Scope, input: unknown): Promise<Order> {
  const { id } = parseInput(idInput, input);
  return onOrder(scope, enteringActor(scope), id, (tx, order) => {
    requireStatus(order, [OrderStatus.Placed]);
    Object.assign(order, { status: OrderStatus.Shipped, shippedAt: tx.clock.now() });
    tx.recordEvent({ type: Events.OrderShipped, key: order.id, payload: { orderId: order.id, customerId: order.customerId, shippedAt: order.shippedAt!.toISOString() } });
  });
}

export function completeOrder(scope: Scope, input: unknown): Promise<Order> {
  const { id } = parseInput(idInput, input);
  return onOrder(scope, enteringActor(scope), id, (tx, order) => {
    requireStatus(order, [OrderStatus.Shipped]);
    Object.assign(order, { status: OrderStatus.Completed, completedAt: tx.clock.now() });
    tx.recordEvent({ type: Events.OrderCompleted, key: order.id, payload: { orderId: order.id, customerId: order.customerId, completedAt: order.completedAt!.toISOString() } });
  });
}

export async function setCreditPolicy(scope: Scope, input: unknown): Promise<CreditPolicy> {
  const { overLimit } = parseInput(z.object({ overLimit: z.enum(CreditOverLimitAction) }), input);
  orderPermissions.require(requireActor(scope.actor), 'order.set_credit_policy');
  const policy = await scope.em.findOneOrFail(CreditPolicy, { id: 1 });
  scope.audit({ subjectType: 'CreditPolicy', subjectId: '1', action: 'credit_policy.set', before: { overLimit: policy.overLimit }, after: { overLimit } });
  Object.assign(policy, { overLimit, updatedAt: scope.clock.now() });
  await scope.em.flush();
  return policy;
}

const and = (conditions: readonly RowCondition[]): RowCondition => ({ sql: conditions.map((condition) => `(${condition.sql})`).join(' and '), params: conditions.flatMap((condition) => condition.params) });

/** Newest first, only orders the actor sees. */
export function listOrders(em: EntityManager, actor: Actor | null, page: PageRequest, rawFilter: unknown): Promise<Connection<Order>> {
  const filter = parseInput(filterInput, rawFilter ?? {});
  const conditions = [visibleOrders(actor)];
  if (filter.status) conditions.push({ sql: 'status = ?', params: [filter.status] });
  if (filter.customerId) conditions.push({ sql: 'customer_id = ? or bill_to_id = ?', params: [filter.customerId, filter.customerId] });
  if (filter.repId) conditions.push({ sql: 'id in (select order_id from sales_order_line where rep_id = ?)', params: [filter.repId] });
  return findPage(em, Order, page, and(conditions));
}
