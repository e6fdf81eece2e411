import { Events, pgArray, type EventConsumer } from '@crm/events';
import { Money } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { CustomerCreditLimitReplica, CustomerHierarchyReplica, CustomerOrderPartiesReplica } from './customer-group.replica';

const run = (em: EntityManager, sql: string, params: unknown[]) => em.getConnection().execute(sql, params, 'run', em.getTransactionContext());

/**
 * Each customer's latest payload in a run. Every event states the customer's whole place or parties,
 * and events of one customer share a key, so they arrive in order and the last one is the truth.
 */
const latestPerCustomer = <P extends { customerId: string }>(events: readonly { payload: P }[]): P[] => [
  ...new Map(events.map(({ payload }) => [payload.customerId, payload])).values(),
];

/**
 * Keeps the replica of customers' groups (hierarchy, order parties, credit limits) for a subgraph
 * that takes orders. A move or a merge announces every customer it touched, with these same
 * events, so no event here needs another customer's row.
 */
export const customerGroupConsumer: EventConsumer = {
  name: 'customer-group',
  handlers: {
    // A moved customer announces everything under it: one statement per run.
    [Events.CustomerHierarchyChanged]: {
      batch: async (em, events) => {
        const links = latestPerCustomer(events);
        await run(
          em,
          `insert into customer_hierarchy_replica (customer_id, parent_id, ancestor_ids, group_id)
           select c, p, a::uuid[], g from unnest(?::uuid[], ?::uuid[], ?::text[], ?::uuid[]) as t(c, p, a, g)
           on conflict (customer_id) do update set parent_id = excluded.parent_id, ancestor_ids = excluded.ancestor_ids, group_id = excluded.group_id`,
          [
            pgArray(links.map((link) => link.customerId)),
            pgArray(links.map((link) => link.parentId)),
            pgArray(links.map((link) => pgArray(link.ancestorIds))),
            pgArray(links.map((link) => link.groupId)),
          ],
        );
      },
    },
    // A change of groups settles the defaults of every customer in them: one statement per run.
    [Events.CustomerOrderDefaultsSet]: {
      batch: async (em, events) => {
        const parties = latestPerCustomer(events);
        await run(
          em,
          `insert into customer_order_parties_replica (customer_id, ordering_party_id, ship_to_id, bill_to_id)
           select * from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::uuid[])
           on conflict (customer_id) do update set ordering_party_id = excluded.ordering_party_id, ship_to_id = excluded.ship_to_id, bill_to_id = excluded.bill_to_id`,
          [
            pgArray(parties.map((party) => party.customerId)),
            pgArray(parties.map((party) => party.orderingPartyId)),
            pgArray(parties.map((party) => party.shipToId)),
            pgArray(parties.map((party) => party.billToId)),
          ],
        );
      },
    },
    [Events.CustomerCreditLimitSet]: async (em, { customerId, scope, limit }) => {
      if (limit === null) await em.nativeDelete(CustomerCreditLimitReplica, { customerId, scope });
      else await em.upsert(CustomerCreditLimitReplica, { customerId, scope, amount: Money.of(limit) });
    },
    // The merge announced the survivor's new place, parties and limits with the events above; the
    // merged customer is no customer of its own any more.
    [Events.CustomerMerged]: async (em, { mergedId }) => {
      await em.nativeDelete(CustomerHierarchyReplica, { customerId: mergedId });
      await em.nativeDelete(CustomerOrderPartiesReplica, { customerId: mergedId });
      await em.nativeDelete(CustomerCreditLimitReplica, { customerId: mergedId });
    },
  },
};
