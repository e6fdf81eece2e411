import { pgArray } from '@crm/events';
import { Money } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';

/*
 * What an order needs to know of customers' groups (CUS-4), read from the customer group replica:
 * who it is placed by, shipped to and billed to, and which limits its credit check meets.
 */

export interface OrderParties {
  orderingPartyId: string;
  shipToId: string;
  billToId: string;
}

export interface CreditLimits {
  /** The customer's own limit; null for none. */
  own: Money | null;
  /** The group it belongs to (its top; itself at the top) and the cap on the whole group; null for none. */
  group: { groupId: string; limit: Money | null };
}

const rows = async <T>(em: EntityManager, sql: string, params: unknown[]) =>
  (await em.getConnection().execute(sql, params, 'all', em.getTransactionContext())) as T[];

/** The parties an order by this customer defaults to (seed 000 §2: a branch orders, ships to itself, bills to HQ); itself for each where none is set. */
export async function orderPartiesOf(em: EntityManager, customerId: string): Promise<OrderParties> {
  const [row] = await rows<{ ordering_party_id: string; ship_to_id: string; bill_to_id: string }>(
    em,
    'select ordering_party_id, ship_to_id, bill_to_id from customer_order_parties_replica where customer_id = ?',
    [customerId],
  );
  return row
    ? { orderingPartyId: row.ordering_party_id, shipToId: row.ship_to_id, billToId: row.bill_to_id }
    : { orderingPartyId: customerId, shipToId: customerId, billToId: customerId };
}

/**
 * The limits a credit check of each of the customers in its one array parameter (`?::uuid[]`)
 * meets, as rows (customer_id, group_id, own, group_limit; a limit null for none) that another
 * statement may build on: the credit check reads exposure beside them in the same round trip.
 */
export const CREDIT_LIMITS_SQL = `
  select g.customer_id, g.group_id, own.amount as own, capped.amount as group_limit
    from (select c.customer_id, coalesce(h.group_id, c.customer_id) as group_id
            from unnest(?::uuid[]) as c(customer_id) left join customer_hierarchy_replica h on h.customer_id = c.customer_id) g
    left join customer_credit_limit_replica own on own.customer_id = g.customer_id and own.scope = 'CUSTOMER'
    left join customer_credit_limit_replica capped on capped.customer_id = g.group_id and capped.scope = 'GROUP'`;

export interface CreditLimitsRow {
  customer_id: string;
  group_id: string;
  own: string | null;
  group_limit: string | null;
}

const money = (amount: string | null) => (amount === null ? null : Money.fromNumeric(amount));

/** A row of CREDIT_LIMITS_SQL as the limits it gives. */
export const creditLimitsFrom = (row: CreditLimitsRow): CreditLimits => ({ own: money(row.own), group: { groupId: row.group_id, limit: money(row.group_limit) } });

/** The limits a credit check of each of these (bill-to) customers meets, in one statement. */
export async function creditLimitsOfMany(em: EntityManager, customerIds: readonly string[]): Promise<Map<string, CreditLimits>> {
  const found = await rows<CreditLimitsRow>(em, CREDIT_LIMITS_SQL, [pgArray(customerIds)]);
  return new Map(found.map((row) => [row.customer_id, creditLimitsFrom(row)]));
}

/** The limits a credit check of this (bill-to) customer meets. */
export async function creditLimitsOf(em: EntityManager, customerId: string): Promise<CreditLimits> {
  return (await creditLimitsOfMany(em, [customerId])).get(customerId.toLowerCase())!;
}

/** The customers of a group, its top (the `groupId` creditLimitsOf names) included: whose exposure counts against the group's limit. */
export async function groupMembersOf(em: EntityManager, groupId: string): Promise<string[]> {
  const members = await rows<{ customer_id: string }>(
    em,
    'select ?::uuid as customer_id union select customer_id from customer_hierarchy_replica where group_id = ? order by customer_id',
    [groupId, groupId],
  );
  return members.map((member) => member.customer_id);
}
