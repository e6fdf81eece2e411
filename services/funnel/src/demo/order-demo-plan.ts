import type { DemoCustomerGroup, DemoData, DemoUser, seededRandom } from '@crm/demo-data';
import type { Actor, Money } from '@crm/platform';

const DAY_MS = 86_400_000;
/** Orders the year is planned with (a few more come to fill two groups up to their cap); small enough for a quick cold start. */
const PLANNED_ORDERS = 130;
/** Relative order volume by calendar month of a Chinese B2B year: Spring Festival quiet, spring busy, year-end purchasing peak. */
const SEASON = [0.55, 0.3, 1.0, 1.1, 1.15, 1.2, 0.9, 0.85, 1.0, 0.8, 1.35, 1.6];
/** By weekday (Sunday first): offices order on working days, a little on Saturdays. */
const WEEK = [0, 1, 1, 1, 1, 1, 0.2];
const NEGOTIATED = ['0.98', '0.97', '0.96', '0.95'];
const RETURN_REASONS = ['质量问题：刀具批次崩刃，整单退回', '规格不符，退回部分货物', '客户项目延期，退回未开封耗材', '运输破损，部分退货'];
/** What a near-cap party's filling order is made of, dearest first; a machine at most once so the lines stay plausible. */
const FILL_CODES = ['CNC-VMC850', 'CNC-CK6150', 'RT-IR915', 'RT-IR615', 'MTR-DTZY', 'CNS-COOL-20L', 'CNS-EM-D10'];
const FILL_CAPS: Record<string, number> = { 'CNC-VMC850': 1, 'CNC-CK6150': 1 };
const FILL_CAP = 400;

export type Random = ReturnType<typeof seededRandom>;

export const addDays = (day: string, days: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
/** `minutes` after midnight of a Shanghai calendar day (UTC+8, no daylight saving). */
export const atMinute = (day: string, minutes: number): Date => new Date(Date.parse(`${day}T00:00:00+08:00`) + minutes * 60_000);
const weekdayOf = (day: string): number => new Date(`${day}T00:00:00Z`).getUTCDay();
export const isWorkingDay = (day: string): boolean => WEEK[weekdayOf(day)] === 1;
export const actorOf = (user: DemoUser): Actor => ({ userId: user.id, orgUnitId: user.orgUnitId, orgPath: user.orgPath, roles: user.roles });
/** Every day from `start` up to, not including, `end`. */
export const daysBetween = (start: string, end: string): string[] => {
  const days: string[] = [];
  for (let day = start; day < end; day = addDays(day, 1)) days.push(day);
  return days;
};

export interface LineInput {
  productId: string;
  quantity: number;
  unitPrice?: string;
  mainLine?: number;
}

/** Who buys: a customer, the rep who owns it, and how its orders are billed and paid. */
export interface Buyer {
  customerId: string;
  actor: Actor;
  /** Its group's top, for group prices; null for a customer in no group. */
  groupId: string | null;
  groupIndex: number | null;
  termDays: number;
}

/** Product ids by SKU, and the book price a buyer sees on a day. */
export interface Catalogue {
  idOf(code: string): string;
  priceOf(code: string, buyer: Buyer, day: string): Money;
}

export interface Instalment {
  day: string;
  minute: number;
  /** Of the order's amount; null for whatever is still open. */
  share: string | null;
}

/** Companies of every rep, two each, created before the year began (the sales team's shared accounts among them). */
export function regularCustomers(data: DemoData, before: Date) {
  const inGroups = new Set(data.customerGroups.flatMap((group) => group.members.map((member) => member.customerId)));
  const perOwner = new Map<string, number>();
  return data.customers.filter((customer) => {
    if (customer.kind !== 'COMPANY' || inGroups.has(customer.id) || customer.createdAt >= before) return false;
    const taken = perOwner.get(customer.ownerId) ?? 0;
    if (taken >= 2 && !customer.salesTeamId) return false;
    perOwner.set(customer.ownerId, taken + 1);
    return true;
  });
}

/**
 * How many orders each day gets: its share of the planned orders by season, weekday and a little
 * noise, rounded so that the running total never drifts from the plan by more than half an order.
 */
export function ordersPerDay(days: readonly string[], random: Random): number[] {
  const weights = days.map((day) => SEASON[Number(day.slice(5, 7)) - 1]! * WEEK[weekdayOf(day)]! * (0.6 + 0.8 * random.next()));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let carried = 0;
  let planned = 0;
  return weights.map((weight) => {
    carried += (PLANNED_ORDERS * weight) / total;
    const count = Math.round(carried) - planned;
    planned += count;
    return count;
  });
}

/** A member of a group, the HQ and the subsidiary ordering more often than the branches. */
export function groupBuyer(byCustomer: ReadonlyMap<string, Buyer>, groups: readonly DemoCustomerGroup[], random: Random): Buyer {
  const group = random.pick(groups);
  const member = group.members[random.pick([0, 0, 0, 1, 1, 2, 2, 3])]!;
  return byCustomer.get(member.customerId) ?? byCustomer.get(group.topId)!;
}

/** A quarter of the lines at a negotiated discount off the book price. */
function line(catalogue: Catalogue, buyer: Buyer, day: string, random: Random, code: string, quantity: number, mainLine?: number): LineInput {
  const negotiated = random.next() < 0.25 ? catalogue.priceOf(code, buyer, day).times(random.pick(NEGOTIATED)).toString() : undefined;
  return { productId: catalogue.idOf(code), quantity, ...(negotiated ? { unitPrice: negotiated } : {}), ...(mainLine === undefined ? {} : { mainLine }) };
}

/** What one order buys: machines with their warranty and installation, routers and meters, or consumables; groups buy machines less. */
export function basket(catalogue: Catalogue, buyer: Buyer, day: string, random: Random): LineInput[] {
  const kind = random.next();
  const machines = buyer.groupId ? 0.6 : 0.8;
  const network = buyer.groupId ? 0.25 : 0.5;
  const lines: LineInput[] = [];
  const add = (code: string, quantity: number, mainLine?: number) => lines.push(line(catalogue, buyer, day, random, code, quantity, mainLine)) - 1;
  if (kind >= machines) {
    const main = add(random.next() < 0.6 ? 'CNC-CK6150' : 'CNC-VMC850', random.next() < 0.8 ? 1 : 2);
    if (random.next() < 0.5) add('WTY-CNC-2Y', lines[main]!.quantity, main);
    if (random.next() < 0.6) add('SVC-CNC-INSTALL', lines[main]!.quantity, main);
    if (random.next() < 0.5) add('CNS-EM-D10', 50 + 10 * random.int(6));
  } else if (kind >= network) {
    const routers = 5 + random.int(36);
    const main = add(random.next() < 0.6 ? 'RT-IR615' : 'RT-IR915', routers);
    if (random.next() < 0.5) add('WTY-RT-3Y', routers, main);
    if (random.next() < 0.4) add(random.next() < 0.5 ? 'MTR-DTZY' : 'MTR-DDZY', 50 + 10 * random.int(36));
    if (random.next() < 0.3) add('CNS-IOT-SIM', routers);
  } else {
    const wanted = [
      ['CNS-EM-D10', 20 + 10 * random.int(19)],
      ['CNS-COOL-20L', 4 + random.int(37)],
      ['CNS-IOT-SIM', 50 * (1 + random.int(10))],
    ] as const;
    const take = 1 + random.int(3);
    for (const [code, quantity] of wanted.slice(random.int(4 - take)).slice(0, take)) add(code, quantity);
  }
  return lines;
}

/** Shipped in the afternoon, one to four days after it was placed. */
export function shipment(placedOn: string, random: Random): { day: string; minute: number } {
  return { day: addDays(placedOn, 1 + random.int(4)), minute: 14 * 60 + random.int(180) };
}

/** A few orders come back, whole or in part, a week or so after shipment. */
export function returnAfter(shipDay: string, random: Random): { day: string; partial: boolean; reason: string } | null {
  if (random.next() >= 0.06) return null;
  return { day: addDays(shipDay, 3 + random.int(8)), partial: random.next() < 0.6, reason: random.pick(RETURN_REASONS) };
}

/** Most within terms, some in two instalments, some late; a few never or only in part, and so overdue. */
export function instalments(placedOn: string, termDays: number, today: string, random: Random): Instalment[] {
  const at = (day: string, share: string | null): Instalment => ({ day, share, minute: 10 * 60 + random.int(300) });
  const due = addDays(placedOn, termDays);
  const plan = random.next();
  const overdueByNow = addDays(due, 5) < today;
  if (plan < 0.66 || (plan >= 0.92 && !overdueByNow)) return [at(addDays(placedOn, 7 + random.int(termDays - 6)), null)];
  if (plan < 0.82) {
    const first = at(addDays(placedOn, 5 + random.int(Math.floor(termDays / 2))), random.pick(['0.3', '0.5']));
    return [first, at(addDays(placedOn, termDays - random.int(10)), null)];
  }
  if (plan < 0.92) return [at(addDays(due, 3 + random.int(20)), null)];
  if (plan < 0.96) return [at(addDays(placedOn, 10 + random.int(10)), '0.3')];
  return [];
}

/** Whose limits the group's open orders fill: the HQ and the subsidiary through their branches' orders, and each branch billing itself. */
export function fillingParties(group: DemoCustomerGroup) {
  const [hq, subsidiary, hqBranch, subsidiaryBranch] = group.members.map((member) => ({ id: member.customerId, limit: member.creditLimit }));
  return [
    { party: hq!.id, orderer: hqBranch!.id, limit: hq!.limit, selfBilled: false },
    { party: subsidiary!.id, orderer: subsidiaryBranch!.id, limit: subsidiary!.limit, selfBilled: false },
    { party: hqBranch!.id, orderer: hqBranch!.id, limit: hqBranch!.limit, selfBilled: true },
    { party: subsidiaryBranch!.id, orderer: subsidiaryBranch!.id, limit: subsidiaryBranch!.limit, selfBilled: true },
  ];
}

/** Lines worth as much of `budget` as the products allow, dearest first, at book prices; never more. */
export function linesUpTo(budget: Money, catalogue: Catalogue, buyer: Buyer, day: string): LineInput[] {
  const lines: LineInput[] = [];
  let left = budget;
  for (const code of FILL_CODES) {
    const unit = catalogue.priceOf(code, buyer, day);
    if (left.compare(unit) < 0) continue;
    let quantity = Math.min(FILL_CAPS[code] ?? FILL_CAP, Number(left.ratio(unit)!.split('.')[0]));
    while (quantity > 0 && unit.times(quantity).compare(left) > 0) quantity -= 1;
    if (!quantity) continue;
    lines.push({ productId: catalogue.idOf(code), quantity });
    left = left.minus(unit.times(quantity));
  }
  return lines;
}
