import { Events, type EventConsumer } from '@crm/events';
import { Complaint } from './complaint.entity';

/** CUS-3: a merged customer's complaints are the survivor's; applying it twice changes nothing. */
export const complaintMergeConsumer: EventConsumer = {
  name: 'complaint-customer-merge',
  handlers: {
    [Events.CustomerMerged]: async (em, { survivorId, mergedId }) => {
      await em.nativeUpdate(Complaint, { customerId: mergedId }, { customerId: survivorId });
    },
  },
};
