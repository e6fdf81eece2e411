import { Events, type EventConsumer } from '@crm/events';
import { Interaction, TimelineEntry } from './timeline.entity';

/** CUS-3: the survivor's timeline holds the merged customer's history too; applying it twice changes nothing. */
export const timelineMergeConsumer: EventConsumer = {
  name: 'timeline-customer-merge',
  handlers: {
    [Events.CustomerMerged]: async (em, { survivorId, mergedId }) => {
      await em.nativeUpdate(Interaction, { customerId: mergedId }, { customerId: survivorId });
      await em.nativeUpdate(TimelineEntry, { customerId: mergedId }, { customerId: survivorId });
    },
  },
};
