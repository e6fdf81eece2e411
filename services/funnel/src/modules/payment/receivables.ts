import { creditLimitsOf, groupMembersOf, requireVisibleCustomer, visibleCustomerCondition } from '@crm/customers/replica';
import { pgArray } from '@crm/events';
import { Money, parseId, requireActor, shanghaiDate, sqlRows, toConnection, type Actor, type Connection, type PageRequest, type Scope } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';

/** What is owed as of a day; see ReceivableFigures in the SDL. */
export interface ReceivableFigures {
  openAmount: Money;
  overdueAmount: Money;
  openOrderCount: number;
  oldestDaysOutstanding: number | null;
  averageDaysOutstanding: number | null;
  onAccount: Money;
}

/** A settlement party's receivables as of a Shanghai day (`on`); its figures are read when asked for. */
export interface ReceivablesRecord {
  id: string;
  on: string;
}

/** Each key's figures are summed over its parties: a customer is its own one party, a group's top has every member. */
type PartiesByKey = ReadonlyMap<string, readonly string[]>;

const NOTHING_OWED: ReceivableFigures = { openAmount: Money.zero, overdueAmount: Money.zero, openOrderCount: 0, oldestDaysOutstanding: null, averageDaysOutstanding: null, onAccount: Money.zero };

interface OpenRow {
  key: string;
  open_amount: string;
  overdue_amount: string;
  open_orders: number;
  oldest_days: number;
  average_days: number;
}

const pairsOf = (parties: PartiesByKey) => [...parties].flatMap(([key, ids]) => ids.map((id) => [key, id] as const));

/**
 * Sums over only the open orders (the partial index on what is still owed) and the payments with
 * something on account, however long the parties' history. Days are whole Shanghai days since placement.
 */
export async function figuresOf(em: EntityManager, on: string, parties: PartiesByKey): Promise<Map<string, ReceivableFigures>> {
  const pairs = pairsOf(parties);
  const keys = pgArray(pairs.map(([key]) => key));
  const ids = pgArray(pairs.map(([, id]) => id));
  const [open, onAccount] = await Promise.all([
    sqlRows<OpenRow>(
      em,
      `select k.key, sum(o.open_amount)::text as open_amount,
              coalesce(sum(o.open_amount) filter (where o.due_on < ?::date), 0)::text as overdue_amount,
              count(*)::int as open_orders, max(?::date - o.placed_on) as oldest_days,
              round(sum(o.open_amount * (?::date - o.placed_on)) / sum(o.open_amount))::int as average_days
         from unnest(?::uuid[], ?::uuid[]) as k(key, party) join sales_order o on o.bill_to_id = k.party and o.open_amount > 0
        group by k.key`,
      [on, on, on, keys, ids],
    ),
    sqlRows<{ key: string; on_account: string }>(
      em,
      `select k.key, sum(p.unapplied)::text as on_account
         from unnest(?::uuid[], ?::uuid[]) as k(key, party) join payment p on p.payer_id = k.party and p.unapplied > 0
        group by k.key`,
      [keys, ids],
    ),
  ]);
  const figures = new Map<string, ReceivableFigures>([...parties.keys()].map((key) => [key, NOTHING_OWED]));
  for (const row of open) {
    figures.set(row.key, {
      ...NOTHING_OWED,
      openAmount: Money.fromNumeric(row.open_amount),
      overdueAmount: Money.fromNumeric(row.overdue_amount),
      openOrderCount: row.open_orders,
      oldestDaysOutstanding: row.oldest_days,
      averageDaysOutstanding: row.average_days,
    });
  }
  for (const row of onAccount) figures.set(row.key, { ...figures.get(row.key)!, onAccount: Money.fromNumeric(row.on_account) });
  return figures;
}

/** The members of the group this customer tops, itself included; null unless it tops one with others. */
export async function groupToppedBy(em: EntityManager, customerId: string): Promise<string[] | null> {
  const { group } = await creditLimitsOf(em, customerId);
  if (group.groupId !== customerId) return null;
  const members = await groupMembersOf(em, customerId);
  return members.length > 1 ? members : null;
}

/**
 * The group's settlement parties the actor may see that owe anything or have anything on account,
 * by id: a member owing nothing would only pad the list.
 */
export async function memberReceivables(em: EntityManager, actor: Actor | null, members: readonly string[], on: string, page: PageRequest): Promise<Connection<ReceivablesRecord>> {
  const visible = visibleCustomerCondition(actor, 'customer_id');
  const found = await sqlRows<{ customer_id: string }>(
    em,
    `select m.customer_id from unnest(?::uuid[]) as m(customer_id)
      where (exists (select 1 from sales_order o where o.bill_to_id = m.customer_id and o.open_amount > 0)
             or exists (select 1 from payment p where p.payer_id = m.customer_id and p.unapplied > 0))
        and ${visible.sql} ${page.afterId ? 'and m.customer_id > ?' : ''}
      order by m.customer_id limit ?`,
    [pgArray(members), ...visible.params, ...(page.afterId ? [page.afterId] : []), page.first + 1],
  );
  return toConnection(
    found.map((row) => ({ id: row.customer_id, on })),
    page,
  );
}

/** NOT_FOUND, the same as for a customer that does not exist, for one the actor may not see. */
export async function receivablesOf(scope: Scope, customerId: string): Promise<ReceivablesRecord> {
  const id = parseId(customerId, 'customerId');
  await requireVisibleCustomer(scope.em, requireActor(scope.actor), id);
  return { id, on: shanghaiDate(scope.clock.now()) };
}
