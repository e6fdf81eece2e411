import { Events, type EventConsumer } from '@crm/events';
import { eventScope } from '@crm/platform';
import { ComplaintStatus } from '../../generated/graphql';
import { Complaint } from './complaint.entity';
import { changeComplaintHandler } from './complaint.service';

/** ORG-7: a deactivated person's open complaints go to the successor; settled ones keep their handler. */
export const complaintHandoverConsumer: EventConsumer = {
  name: 'complaint-handover',
  handlers: {
    [Events.UserDeactivated]: async (em, { userId, successorId }, envelope) => {
      const scope = eventScope('service', em, envelope);
      for (const complaint of await em.find(Complaint, { handlerId: userId, status: ComplaintStatus.Open })) {
        changeComplaintHandler(scope, complaint, successorId, 'The handler left; their open complaints go to their successor.');
      }
      await em.flush();
    },
  },
};
