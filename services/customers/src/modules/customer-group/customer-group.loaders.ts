import { Money, PageLoader, type Actor } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { Customer, visibleCustomers } from '../customer';
import type { CustomerLink } from './customer-group.entity';
import { linkFromRow, uuidArray } from './customer-group.store';

export interface GroupCreditFigures {
  limit: Money | null;
  allocated: Money;
  members: number;
}

export interface OrderDefaultIds {
  orderingPartyId: string;
  shipToId: string;
  billToId: string;
}

/**
 * Customer groups for a batch of customers, one statement per loader and batch (never one per
 * customer). Relatives are then read through the customer loader, so those the actor may not see
 * resolve to null; only customers already loaded through that visibility are asked about.
 */
export function createCustomerGroupLoaders(em: EntityManager, actor: Actor | null) {
  const execute = async <T>(sql: string, params: unknown[]): Promise<T[]> => (await em.getConnection().execute(sql, params)) as T[];
  return {
    groupLink: new DataLoader<string, CustomerLink | null>(async (ids) => {
      const rows = await execute<Parameters<typeof linkFromRow>[0]>('select customer_id, parent_id, ancestor_ids, group_id from customer_link where customer_id = any(?::uuid[])', [uuidArray(ids)]);
      const byId = new Map(rows.map((row) => [row.customer_id, linkFromRow(row)]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    customerChildren: new PageLoader(em, Customer, { table: 'customer_link', parentColumn: 'parent_id', childColumn: 'customer_id' }, visibleCustomers(actor)),
    orderDefaults: new DataLoader<string, OrderDefaultIds | null>(async (ids) => {
      const rows = await execute<{ customer_id: string; ordering_party_id: string; ship_to_id: string; bill_to_id: string }>(
        'select customer_id, ordering_party_id, ship_to_id, bill_to_id from customer_order_defaults where customer_id = any(?::uuid[])',
        [uuidArray(ids)],
      );
      const byId = new Map(rows.map((row) => [row.customer_id, { orderingPartyId: row.ordering_party_id, shipToId: row.ship_to_id, billToId: row.bill_to_id }]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    creditLimit: new DataLoader<string, Money | null>(async (ids) => {
      const rows = await execute<{ customer_id: string; amount: string }>(
        "select customer_id, amount from customer_credit_limit where scope = 'CUSTOMER' and customer_id = any(?::uuid[])",
        [uuidArray(ids)],
      );
      const byId = new Map(rows.map((row) => [row.customer_id, Money.fromNumeric(row.amount)]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    /** By the group's top customer. */
    groupCredit: new DataLoader<string, GroupCreditFigures>(async (groupIds) => {
      const rows = await execute<{ group_id: string; limit: string | null; allocated: string; members: string }>(
        `select g.id as group_id,
                (select l.amount from customer_credit_limit l where l.customer_id = g.id and l.scope = 'GROUP') as "limit",
                (select coalesce(sum(l.amount), 0)::text from customer_credit_limit l
                  where l.scope = 'CUSTOMER' and l.customer_id in (select g.id union select m.customer_id from customer_link m where m.group_id = g.id)) as allocated,
                (select count(*) from (select g.id union select m.customer_id from customer_link m where m.group_id = g.id) members) as members
           from unnest(?::uuid[]) as g(id)`,
        [uuidArray(groupIds)],
      );
      const byId = new Map(
        rows.map((row) => [row.group_id, { limit: row.limit === null ? null : Money.fromNumeric(row.limit), allocated: Money.fromNumeric(row.allocated), members: Number(row.members) }]),
      );
      return groupIds.map((id) => byId.get(id) ?? { limit: null, allocated: Money.zero, members: 1 });
    }),
  };
}

export type CustomerGroupLoaders = ReturnType<typeof createCustomerGroupLoaders>;
