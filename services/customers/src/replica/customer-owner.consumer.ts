import { Events, pgArray, type EventConsumer } from '@crm/events';
import { CustomerOwnerReplica } from './customer-owner.replica';

/**
 * Keeps the replica of customers' ownership and sharing, hand-overs included, so the listing
 * subgraph's visibility and routing follow them. Events of one customer share a key, so they
 * arrive in order.
 */
export const customerOwnerConsumer: EventConsumer = {
  // The consumer's name keys its inbox, its dead letters and its Kafka group: it stays as it was.
  name: 'customer-owner',
  handlers: {
    // Customers arrive in bulk (imports, the demo data): one statement per run of them.
    [Events.CustomerCreated]: {
      batch: async (em, events) => {
        const created = [...new Map(events.map(({ payload }) => [payload.customerId, payload])).values()];
        await em.getConnection().execute(
          `insert into customer_owner (customer_id, owner_id, secondary_owner_id, sales_team_id, division_code)
           select c, o, null, null, d from unnest(?::uuid[], ?::uuid[], ?::text[]) as t(c, o, d)
           on conflict (customer_id) do update set owner_id = excluded.owner_id, secondary_owner_id = null, sales_team_id = null, division_code = excluded.division_code`,
          [pgArray(created.map((c) => c.customerId)), pgArray(created.map((c) => c.ownerId)), pgArray(created.map((c) => c.divisionCode))],
          'run',
          em.getTransactionContext(),
        );
      },
    },
    [Events.CustomerReassigned]: async (em, { customerId, toOwnerId, secondaryOwnerId }) => {
      await em.nativeUpdate(CustomerOwnerReplica, { customerId }, { ownerId: toOwnerId, secondaryOwnerId });
    },
    [Events.CustomerTeamChanged]: async (em, { customerId, salesTeamId }) => {
      await em.nativeUpdate(CustomerOwnerReplica, { customerId }, { salesTeamId });
    },
    // The merged customer is gone as a customer of its own; the survivor's row already exists (CUS-3).
    [Events.CustomerMerged]: async (em, { mergedId }) => {
      await em.nativeDelete(CustomerOwnerReplica, { customerId: mergedId });
    },
    // As in customers: a leaver stays nobody's secondary owner.
    [Events.UserDeactivated]: async (em, { userId }) => {
      await em.nativeUpdate(CustomerOwnerReplica, { secondaryOwnerId: userId }, { secondaryOwnerId: null });
    },
  },
};
