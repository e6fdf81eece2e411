import { Events, pgArray, type EventConsumer } from '@crm/events';
import type { EntityManager } from '@mikro-orm/core';

/**
 * Adds to many owners' counts in one statement. Owners go in a fixed order so that two batches on
 * other partitions lock the same rows in the same order and never deadlock.
 */
async function addToOwners(em: EntityManager, changes: readonly [ownerId: string, delta: number][]): Promise<void> {
  const deltas = new Map<string, number>();
  for (const [ownerId, delta] of changes) deltas.set(ownerId, (deltas.get(ownerId) ?? 0) + delta);
  const owners = [...deltas.keys()].sort();
  await em.getConnection().execute(
    `insert into owner_customer_count (owner_id, customer_count)
     select * from unnest(?::uuid[], ?::int[])
     on conflict (owner_id) do update set customer_count = owner_customer_count.customer_count + excluded.customer_count`,
    [pgArray(owners), pgArray(owners.map((owner) => deltas.get(owner)!))],
    'run',
    em.getTransactionContext(),
  );
}

/**
 * Projects customers' events onto the count of customers per owner; counts only add up, so a run
 * of events applies as one sum.
 */
export const customerCountProjector: EventConsumer = {
  // The consumer's name keys its inbox, its dead letters and its Kafka group: it stays as it was.
  name: 'customer-count',
  handlers: {
    [Events.CustomerCreated]: { batch: (em, events) => addToOwners(em, events.map(({ payload }) => [payload.ownerId, 1])) },
    [Events.CustomerReassigned]: {
      batch: (em, events) =>
        addToOwners(
          em,
          events.flatMap(({ payload }): [string, number][] => [
            [payload.fromOwnerId, -1],
            [payload.toOwnerId, 1],
          ]),
        ),
    },
    // Two customers became one: the merged one's owner has one fewer (CUS-3).
    [Events.CustomerMerged]: { batch: (em, events) => addToOwners(em, events.map(({ payload }) => [payload.mergedOwnerId, -1])) },
  },
};
