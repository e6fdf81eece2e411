import { Events, type EventConsumer } from '@crm/events';
import { Customer } from '../customer';
import { Interaction, TimelineEntry } from './timeline.entity';

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
      await em.nativeUpdate(TimelineEntry, { customerId: mergedId }, { customerId: liveId });
    },
  },
};
