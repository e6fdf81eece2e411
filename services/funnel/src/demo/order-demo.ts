import { demoData, seededRandom, type DemoCustomerGroup, type DemoData } from '@crm/demo-data';
import { createLogger, createScope, Money, shanghaiDate, type Actor, type Scope } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { performance } from 'node:perf_hooks';
import { PaymentMethod } from '../generated/graphql';
import { createOrder, Order, OrderLine, returnOrderLines, shipOrder } from '../modules/order';
import { recordPayment } from '../modules/payment';
import { pricesFor, Product } from '../modules/product';
import { untilCustomerReplicasKnow } from './customer-replica-ready';
import {
  actorOf,
  addDays,
  atMinute,
  basket,
  daysBetween,
  fillingParties,
  groupBuyer,
  instalments,
  isWorkingDay,
  linesUpTo,
  ordersPerDay,
  regularCustomers,
  returnAfter,
  shipment,
  type Buyer,
  type Catalogue,
  type LineInput,
  type Random,
} from './order-demo-plan';

const SEED = 20261214;
/** The first two demo groups have handed out nearly all of their cap: their members' open orders fill 90 % of each limit. */
const NEAR_CAP_GROUPS = 2;
const FILL_SHARE = '0.9';
/** Near-cap groups pay nothing in the last month: slow payers is how a group ends up at its cap. */
const NEAR_CAP_QUIET_DAYS = 30;

/** An order placed, as the demo follows it to shipment, returns and payment. */
interface Placed {
  id: string;
  number: string;
  buyer: Buyer;
  billToId: string;
  amount: Money;
  returned: Money;
  paid: Money;
}

export interface DemoOrdersSummary {
  orders: number;
  refused: number;
  shipped: number;
  returns: number;
  payments: number;
  ms: number;
}

/** What runs when in the simulated year: by day, then by minute, then in the order it was planned. */
class Agenda {
  private readonly byDay = new Map<string, { minute: number; seq: number; run: () => Promise<void> }[]>();
  private seq = 0;

  constructor(private readonly today: string) {}

  /** False, and nothing planned, for a day not yet past: the demo leaves the future alone. */
  at(day: string, minute: number, run: () => Promise<void>): boolean {
    if (day >= this.today) return false;
    this.byDay.set(day, [...(this.byDay.get(day) ?? []), { minute, seq: (this.seq += 1), run }]);
    return true;
  }

  /** Day by day, as steps planned while running (a shipment, a payment) land on later days. */
  async run(days: readonly string[], afterEach: () => Promise<void>): Promise<void> {
    for (const day of days) {
      for (const step of (this.byDay.get(day) ?? []).sort((a, b) => a.minute - b.minute || a.seq - b.seq)) {
        await step.run();
        await afterEach();
      }
      this.byDay.delete(day);
    }
  }
}

/** Everything the steps of the demo year share. */
interface Seeding {
  tx: Scope;
  em: EntityManager;
  guarded: EntityManager;
  random: Random;
  today: string;
  admin: Actor;
  catalogue: Catalogue;
  buyers: { byCustomer: Map<string, Buyer>; regular: Buyer[] };
  /** Bill-to parties of the near-cap groups. */
  nearCap: Set<string>;
  agenda: Agenda;
  summary: DemoOrdersSummary;
}

/**
 * Issue 14's demo year of orders and money: about 130 orders over the twelve months before now
 * (Shanghai calendar) shaped like a Chinese B2B year, shipped, some of them returned, paid within
 * their terms (some in two instalments, branches' orders by their HQ), a few left overdue, and two
 * groups' open orders close to their group limit. Every write goes through the real rules, as the
 * customer's owner for orders and as the admin for payments, with the clock at the day simulated,
 * so orders, payments and first-paid customers are recorded and announced like real ones. The
 * credit check refuses what would exceed a limit; those orders are skipped. Nothing is done when
 * orders exist, or when `seededWith` (see SubgraphDefinition.seedDemoData) leaves customers out.
 */
export async function seedDemoOrders(tx: Scope, seededWith?: readonly string[]): Promise<DemoOrdersSummary | null> {
  // Built on customers' demo groups and owners: left out when customers' demo is not seeded with it.
  if ((seededWith && !seededWith.includes('customers')) || (await tx.em.count(Order))) return null;
  const data = demoData();
  const today = shanghaiDate(tx.clock.now());
  const start = addDays(today, -365);
  const regular = regularCustomers(data, atMinute(start, 0));
  await untilCustomerReplicasKnow(tx.em, data, regular);

  const began = performance.now();
  await tx.em.flush();
  const seeding = await prepare(tx, data, regular, start, today);
  if (!seeding) return null;
  const days = daysBetween(start, today);
  planTheYear(seeding, days, data.customerGroups);
  fillNearCapGroups(seeding, data.customerGroups.slice(0, NEAR_CAP_GROUPS));
  await seeding.agenda.run(days, async () => {
    await seeding.em.flush();
    seeding.em.clear();
    seeding.guarded.clear();
  });
  const summary = { ...seeding.summary, ms: Math.round(performance.now() - began) };
  createLogger('funnel').debug(summary, 'demo orders seeded');
  return summary;
}

/** The seed's units of work, buyers, prices and admin; null when there are no products to sell. */
async function prepare(tx: Scope, data: DemoData, regular: readonly { id: string }[], start: string, today: string): Promise<Seeding | null> {
  // Units of work of their own in the seed's transaction, cleared after each step, so a step flushes
  // only what it wrote. The rules' own transactions run in place in the seed's, without a savepoint
  // each (flushed after each step), except an order's with a credit limit to meet: the check's
  // refusal rolls back to its savepoint.
  const em = tx.em.fork({ clear: true, keepTransactionContext: true, disableTransactions: true });
  const guarded = tx.em.fork({ clear: true, keepTransactionContext: true });
  const products = new Map((await em.find(Product, {})).map((product) => [product.sku, product]));
  if (!products.size) return null;
  const random = seededRandom(SEED);
  const buyers = await buyersOf(em, data, regular, random);
  const prices = await bookPrices(em, [...products.values()], data.customerGroups, start, today);
  const idOf = (code: string) => products.get(code)!.id;
  return {
    tx,
    em,
    guarded,
    random,
    today,
    admin: actorOf(data.users.find((user) => user.roles.includes('ADMIN'))!),
    catalogue: { idOf, priceOf: (code, buyer, day) => prices.get(`${idOf(code)}|${buyer.groupId ?? ''}|${day.slice(0, 4)}`)! },
    buyers,
    nearCap: new Set(data.customerGroups.slice(0, NEAR_CAP_GROUPS).flatMap((group) => group.members.map((member) => member.customerId))),
    agenda: new Agenda(today),
    summary: { orders: 0, refused: 0, shipped: 0, returns: 0, payments: 0, ms: 0 },
  };
}

/** The year's placements: a quarter by group members, each from nine in the morning, its basket chosen when it is placed. */
function planTheYear(seeding: Seeding, days: readonly string[], groups: readonly DemoCustomerGroup[]): void {
  const { random, buyers, agenda, catalogue } = seeding;
  const counts = ordersPerDay(days, random);
  days.forEach((day, i) => {
    for (let slot = 0; slot < counts[i]!; slot += 1) {
      const buyer = random.next() < 0.25 ? groupBuyer(buyers.byCustomer, groups, random) : random.pick(buyers.regular);
      const minute = 9 * 60 + slot * 25 + random.int(20);
      agenda.at(day, minute, () => place(seeding, buyer, day, minute, basket(catalogue, buyer, day, random)));
    }
  });
}

/** In the last weeks, on working days, each bill-to party of a near-cap group orders up to 90 % of its own limit. */
function fillNearCapGroups(seeding: Seeding, groups: readonly DemoCustomerGroup[]): void {
  groups.forEach((group, g) => {
    fillingParties(group).forEach(({ party, orderer, limit, selfBilled }, p) => {
      let day = addDays(seeding.today, -(24 - 3 * p - g));
      while (!isWorkingDay(day)) day = addDays(day, -1);
      const buyer = seeding.buyers.byCustomer.get(orderer);
      if (!buyer) return;
      const minute = 16 * 60 + 30 + p;
      seeding.agenda.at(day, minute, async () => {
        // Measured when it runs: the party's open amount by then includes the year's unpaid orders.
        const headroom = Money.of(limit).times(FILL_SHARE).minus(await openBilledTo(seeding.em, party));
        const lines = linesUpTo(headroom, seeding.catalogue, buyer, day);
        if (lines.length) await place(seeding, buyer, day, minute, lines, selfBilled ? orderer : undefined);
      });
    });
  });
}

/** The rules, as `actor` on `on`, with the clock at `minute` of `day`. */
function scopeAt(seeding: Seeding, actor: Actor, day: string, minute: number, on = seeding.em): Scope {
  const instant = atMinute(day, minute);
  return createScope({ ...seeding.tx, em: on, actor, clock: { now: () => new Date(instant) } });
}

/** Placed by the customer's owner, then followed up; an order the credit check refuses is skipped. */
async function place(seeding: Seeding, buyer: Buyer, day: string, minute: number, lines: LineInput[], billToId?: string): Promise<void> {
  const { em, guarded, summary } = seeding;
  try {
    const order = await createOrder(scopeAt(seeding, buyer.actor, day, minute, buyer.groupId ? guarded : em), {
      customerId: buyer.customerId,
      lines,
      paymentTermDays: buyer.termDays,
      place: true,
      ...(billToId ? { billToId } : {}),
    });
    summary.orders += 1;
    followUp(seeding, { id: order.id, number: order.number, buyer, billToId: order.billToId, amount: order.amount, returned: Money.zero, paid: Money.zero }, day);
  } catch (error) {
    if (reasonOf(error) !== 'CREDIT_LIMIT_EXCEEDED') throw error;
    // Refused before anything was flushed: without a savepoint, the unsaved draft is dropped here.
    em.clear();
    summary.refused += 1;
  }
}

const reasonOf = (error: unknown): unknown => (error as { extensions?: { reason?: unknown } }).extensions?.reason;

/** Shipped a few days after placing; a few of a customer outside groups returned; paid as its plan says, not before the goods are settled. */
function followUp(seeding: Seeding, order: Placed, placedOn: string): void {
  const { agenda, random } = seeding;
  const ship = shipment(placedOn, random);
  const shipped = agenda.at(ship.day, ship.minute, async () => {
    await shipOrder(scopeAt(seeding, order.buyer.actor, ship.day, ship.minute), { id: order.id });
    seeding.summary.shipped += 1;
  });
  let paidFrom = addDays(ship.day, 1);
  const back = shipped && order.buyer.groupIndex === null ? returnAfter(ship.day, random) : null;
  if (back && agenda.at(back.day, 15 * 60, () => returnGoods(seeding, order, back.day, back.partial, back.reason))) paidFrom = addDays(back.day, 1);
  planPayments(seeding, order, placedOn, paidFrom);
}

/** A partial return takes back a third of the largest line; a whole one, everything. */
async function returnGoods(seeding: Seeding, order: Placed, day: string, partial: boolean, reason: string): Promise<void> {
  let lines: { lineId: string; quantity: number }[] | undefined;
  if (partial) {
    const sold = await seeding.em.find(OrderLine, { orderId: order.id }, { orderBy: { quantity: 'desc', lineNo: 'asc' } });
    const most = sold[0]!;
    lines = [{ lineId: most.id, quantity: Math.max(1, Math.floor(most.quantity / 3)) }];
  }
  const record = await returnOrderLines(scopeAt(seeding, order.buyer.actor, day, 15 * 60), { orderId: order.id, reason, ...(lines ? { lines } : {}) });
  order.returned = order.returned.plus(record.amount);
  seeding.summary.returns += 1;
}

/** No payment before `from` (shipment, or a return, settled), and none from near-cap groups in their quiet last month. */
function planPayments(seeding: Seeding, order: Placed, placedOn: string, from: string): void {
  const quiet = seeding.nearCap.has(order.billToId) ? addDays(seeding.today, -NEAR_CAP_QUIET_DAYS) : seeding.today;
  for (const { day, minute, share } of instalments(placedOn, order.buyer.termDays, seeding.today, seeding.random)) {
    const on = day < from ? from : day;
    if (on < quiet) seeding.agenda.at(on, minute, () => pay(seeding, order, on, minute, share));
  }
}

/** By the admin, to the bill-to party's account: `share` of the order's amount, or all that is open, never more than is open. */
async function pay(seeding: Seeding, order: Placed, day: string, minute: number, share: string | null): Promise<void> {
  const open = order.amount.minus(order.returned).minus(order.paid);
  const wanted = share === null ? open : order.amount.times(share);
  const amount = wanted.compare(open) < 0 ? wanted : open;
  if (amount.isZero() || amount.isNegative()) return;
  const method = seeding.random.next() < 0.85 ? PaymentMethod.BankTransfer : PaymentMethod.AcceptanceBill;
  await recordPayment(scopeAt(seeding, seeding.admin, day, minute), {
    payerId: order.billToId,
    amount: amount.toString(),
    receivedOn: day,
    method,
    reference: `${method === PaymentMethod.BankTransfer ? 'HX' : 'CD'}${day.replaceAll('-', '')}${order.number.slice(-4)}`,
    allocations: [{ orderId: order.id, amount: amount.toString() }],
  });
  order.paid = order.paid.plus(amount);
  seeding.summary.payments += 1;
}

/** Each customer's owner as funnel knows it now (the replica), if that person is in the directory and active. */
async function buyersOf(em: EntityManager, data: DemoData, regular: readonly { id: string }[], random: Random) {
  const members = data.customerGroups.flatMap((group, g) => group.members.map((member) => ({ id: member.customerId, groupId: group.topId, groupIndex: g })));
  const all = [...regular.map((customer) => ({ id: customer.id, groupId: null, groupIndex: null })), ...members];
  const rows = (await em.getConnection().execute(
    `select co.customer_id, co.owner_id from customer_owner co join directory_user u on u.id = co.owner_id and u.active where co.customer_id in (?)`,
    [all.map((customer) => customer.id)],
    'all',
    em.getTransactionContext(),
  )) as { customer_id: string; owner_id: string }[];
  const ownerOf = new Map(rows.map((row) => [row.customer_id, row.owner_id]));
  const users = new Map(data.users.map((user) => [user.id, user]));
  const byCustomer = new Map<string, Buyer>();
  for (const customer of all) {
    const owner = users.get(ownerOf.get(customer.id) ?? '');
    if (!owner) continue;
    const termDays = customer.groupId ? 60 : random.pick([30, 30, 30, 45, 60]);
    byCustomer.set(customer.id, { customerId: customer.id, actor: actorOf(owner), groupId: customer.groupId, groupIndex: customer.groupIndex, termDays });
  }
  return { byCustomer, regular: regular.map((customer) => byCustomer.get(customer.id)).filter((buyer): buyer is Buyer => buyer !== undefined) };
}

async function openBilledTo(em: EntityManager, partyId: string): Promise<Money> {
  const [row] = (await em.getConnection().execute('select coalesce(sum(open_amount), 0)::text as open from sales_order where bill_to_id = ? and open_amount > 0', [partyId], 'all', em.getTransactionContext())) as {
    open: string;
  }[];
  return Money.fromNumeric(row!.open);
}

/** Book prices by product, group and year: the price books run by calendar year, so one read covers the demo's two years. */
async function bookPrices(em: EntityManager, products: readonly Product[], groups: readonly DemoCustomerGroup[], start: string, today: string): Promise<Map<string, Money>> {
  const requests = [start, today].flatMap((on) => [null, ...groups.map((group) => group.topId)].flatMap((customerGroupId) => products.map((product) => ({ productId: product.id, customerGroupId, on }))));
  const resolved = await pricesFor(em, requests);
  return new Map(resolved.map((price, i) => [`${price.productId}|${requests[i]!.customerGroupId ?? ''}|${price.on.slice(0, 4)}`, price.price]));
}
