import { Events, recordEvent, type EventConsumer } from '@crm/events';
import { Complaint } from './complaint.entity';

/** ORG-7: a deactivated person's open complaints go to the successor; settled ones keep their handler. */
export const complaintHandoverConsumer: EventConsumer = {
  name: 'complaint-handover',
  handlers: {
    [Events.UserDeactivated]: async (em, { userId, successorId }) => {
      for (const complaint of await em.find(Complaint, { handlerId: userId, status: 'OPEN' })) {
        complaint.handlerId = successorId;
        recordEvent(em, 'service', {
          type: Events.ComplaintReassigned,
          key: complaint.id,
          payload: { complaintId: complaint.id, fromHandlerId: userId, toHandlerId: successorId },
        });
      }
      await em.flush();
    },
  },
};
