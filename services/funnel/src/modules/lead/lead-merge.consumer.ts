import { Events, type EventConsumer } from '@crm/events';
import { Lead } from './lead.entity';

/** CUS-3: a merged customer's leads are the survivor's; applying it twice changes nothing. */
export const leadMergeConsumer: EventConsumer = {
  name: 'lead-customer-merge',
  handlers: {
    [Events.CustomerMerged]: async (em, { survivorId, mergedId }) => {
      await em.nativeUpdate(Lead, { customerId: mergedId }, { customerId: survivorId });
    },
  },
};
