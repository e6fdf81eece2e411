import { Events, type EventConsumer } from '@crm/events';
import type { EntityManager } from '@mikro-orm/core';
import { Customer } from '../customer';
import { Interaction, TimelineEntry } from './timeline.entity';

/**
 * An event on both timelines (a branch's order billed to the HQ it is merged into) stays once, as the
 * survivor's entry: a customer has one entry per event.
 */
async function dropEntriesTheSurvivorHas(em: EntityManager, mergedId: string, survivorId: string): Promise<void> {
  await em.getConnection().execute(
    `delete from customer_timeline_entry merged using customer_timeline_entry survivor
      where merged.customer_id = ? and survivor.customer_id = ? and survivor.source_event_id = merged.source_event_id`,
    [mergedId, survivorId],
    'run',
    em.getTransactionContext(),
  );
}

/** CUS-3: the survivor's timeline holds the merged customer's history too; applying it twice changes nothing. */
export const timelineMergeConsumer: EventConsumer = {
  name: 'timeline-customer-merge',
  handlers: {
    [Events.CustomerMerged]: async (em, { survivorId, mergedId }) => {
      // The merges of a chain (X into A, then A into S) carry different keys, so they may arrive in
      // either order: X's history goes to whoever A's survivor is now, never to A.
      const survivor = await em.findOne(Customer, survivorId, { fields: ['mergedIntoId'] });
      const liveId = survivor?.mergedIntoId ?? survivorId;
      await em.nativeUpdate(Interaction, { customerId: mergedId }, { customerId: liveId });
      await dropEntriesTheSurvivorHas(em, mergedId, liveId);
      await em.nativeUpdate(TimelineEntry, { customerId: mergedId }, { customerId: liveId });
    },
  },
};
