import { Events } from '@crm/events';
import { Money, type Scope } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import type { CreditLimitScope } from '../../generated/graphql';
import type { CustomerLink } from './customer-group.entity';

/*
 * The group tables' reads, lock and shared rules, for the group's own mutations and for the merge
 * rule. Nothing here imports the customer module: it calls the merge rule, so that would be a cycle.
 */

/** A uuid[] parameter as a PostgreSQL array literal (knex would spread a JS array into a list). */
export const uuidArray = (ids: readonly string[]): string => `{${ids.join(',')}}`;

/** Raw SQL inside the write's transaction. */
export async function query<T>(em: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await em.getConnection().execute(sql, params, 'all', em.getTransactionContext())) as T[];
}

/**
 * Group writes (moves, order defaults, credit, merges) take one transaction-scoped lock, so two of
 * them never check the group's credit or shape against a state the other is changing.
 */
export const lockGroups = (em: EntityManager) => query(em, "select pg_advisory_xact_lock(hashtext('crm.customer_group'))");

export interface LinkRow {
  customer_id: string;
  parent_id: string | null;
  ancestor_ids: string[];
  group_id: string;
}

export const linkFromRow = (row: LinkRow): CustomerLink => ({
  customerId: row.customer_id,
  parentId: row.parent_id,
  ancestorIds: [...row.ancestor_ids],
  groupId: row.group_id,
});

/** Where each customer sits; one without a row is alone, the top of its own group. */
export async function linksOf(em: EntityManager, ids: readonly string[]): Promise<Map<string, CustomerLink>> {
  const rows = await query<LinkRow>(em, 'select customer_id, parent_id, ancestor_ids, group_id from customer_link where customer_id = any(?::uuid[])', [uuidArray(ids)]);
  const found = new Map(rows.map((row) => [row.customer_id, linkFromRow(row)]));
  return new Map(ids.map((id) => [id, found.get(id) ?? { customerId: id, parentId: null, ancestorIds: [], groupId: id }]));
}

export const linkOf = async (em: EntityManager, id: string): Promise<CustomerLink> => (await linksOf(em, [id])).get(id)!;

/** The group's members: its top and every customer under it. */
export async function membersOf(em: EntityManager, groupId: string): Promise<string[]> {
  const rows = await query<{ id: string }>(em, 'select ?::uuid as id union select customer_id from customer_link where group_id = ?', [groupId, groupId]);
  return rows.map((row) => row.id);
}

export async function limitOf(em: EntityManager, customerId: string, scope: CreditLimitScope): Promise<Money | null> {
  const [row] = await query<{ amount: string }>(em, 'select amount from customer_credit_limit where customer_id = ? and scope = ?', [customerId, scope]);
  return row ? Money.fromNumeric(row.amount) : null;
}

/** The sum of these customers' own (CUSTOMER) limits. */
export async function allocatedTo(em: EntityManager, customerIds: readonly string[]): Promise<Money> {
  const [row] = await query<{ total: string }>(
    em,
    "select coalesce(sum(amount), 0)::text as total from customer_credit_limit where scope = 'CUSTOMER' and customer_id = any(?::uuid[])",
    [uuidArray(customerIds)],
  );
  return Money.fromNumeric(row!.total);
}

export const selfDefaults = (customerId: string) => ({ orderingPartyId: customerId, shipToId: customerId, billToId: customerId });

type OrderDefaults = ReturnType<typeof selfDefaults>;

interface DefaultsRow {
  customer_id: string;
  ordering_party_id: string;
  ship_to_id: string;
  bill_to_id: string;
}

/** A merged customer's place as a party is the survivor's. */
export interface PartyReplaced {
  mergedId: string;
  survivorId: string;
}

/**
 * Order defaults of these customers (and, on a merge, of any customer naming the merged one) after
 * a change of groups: the merged party becomes the survivor, and defaults naming a party outside
 * the customer's group fall back to the customer itself. Each change is announced and audited.
 */
export async function settleOrderDefaults(scope: Scope, customerIds: readonly string[], reason: string, replaced?: PartyReplaced): Promise<void> {
  const rows = await query<DefaultsRow>(
    scope.em,
    `select customer_id, ordering_party_id, ship_to_id, bill_to_id from customer_order_defaults
      where customer_id = any(?::uuid[]) or ?::uuid in (ordering_party_id, ship_to_id, bill_to_id)`,
    [uuidArray(customerIds), replaced?.mergedId ?? null],
  );
  const links = await linksOf(scope.em, [...new Set(rows.flatMap((row) => [row.customer_id, row.ordering_party_id, row.ship_to_id, row.bill_to_id, ...(replaced ? [replaced.survivorId] : [])]))]);
  const groupOf = (id: string) => links.get(id)!.groupId;
  for (const row of rows) {
    const before = { orderingPartyId: row.ordering_party_id, shipToId: row.ship_to_id, billToId: row.bill_to_id };
    const named = Object.fromEntries(Object.entries(before).map(([field, id]) => [field, id === replaced?.mergedId ? replaced.survivorId : id])) as OrderDefaults;
    const inGroup = Object.values(named).every((id) => groupOf(id) === groupOf(row.customer_id));
    const after = inGroup ? named : selfDefaults(row.customer_id);
    if (JSON.stringify(after) === JSON.stringify(before)) continue;
    await writeDefaults(scope.em, row.customer_id, after);
    scope.recordEvent({ type: Events.CustomerOrderDefaultsSet, key: row.customer_id, payload: { customerId: row.customer_id, ...after } });
    scope.audit({ subjectType: 'Customer', subjectId: row.customer_id, action: 'customer.order_defaults_set', before, after, reason });
  }
}

/** The customer itself in every part needs no row. */
async function writeDefaults(em: EntityManager, customerId: string, defaults: OrderDefaults): Promise<void> {
  if (JSON.stringify(defaults) === JSON.stringify(selfDefaults(customerId))) {
    await query(em, 'delete from customer_order_defaults where customer_id = ?', [customerId]);
    return;
  }
  await query(em, 'update customer_order_defaults set ordering_party_id = ?, ship_to_id = ?, bill_to_id = ? where customer_id = ?', [
    defaults.orderingPartyId,
    defaults.shipToId,
    defaults.billToId,
    customerId,
  ]);
}
