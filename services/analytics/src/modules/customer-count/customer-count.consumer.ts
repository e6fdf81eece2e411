import { Events, type EventConsumer } from '@crm/events';
import type { EntityManager } from '@mikro-orm/core';

async function addToOwner(em: EntityManager, ownerId: string, delta: number): Promise<void> {
  await em.getConnection().execute(
    `insert into owner_customer_count (owner_id, customer_count) values (?, ?)
     on conflict (owner_id) do update set customer_count = owner_customer_count.customer_count + excluded.customer_count`,
    [ownerId, delta],
    'run',
    em.getTransactionContext(),
  );
}

/** Counts customers per owner from customers' events. */
export const customerCountConsumer: EventConsumer = {
  name: 'customer-count',
  handlers: {
    [Events.CustomerCreated]: (em, { ownerId }) => addToOwner(em, ownerId, 1),
    [Events.CustomerReassigned]: async (em, { fromOwnerId, toOwnerId }) => {
      await addToOwner(em, fromOwnerId, -1);
      await addToOwner(em, toOwnerId, 1);
    },
  },
};
