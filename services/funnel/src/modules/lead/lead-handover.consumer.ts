import { Events, recordEvent, type EventConsumer } from '@crm/events';
import { Lead, OPEN_LEAD_STATUSES } from './lead.entity';

/**
 * ORG-7: a deactivated person's open leads go to the successor, each as an ordinary reassignment.
 * Converted and discarded leads keep their owner: they are results, and results do not move.
 */
export const leadHandoverConsumer: EventConsumer = {
  name: 'lead-handover',
  handlers: {
    [Events.UserDeactivated]: async (em, { userId, successorId }) => {
      for (const lead of await em.find(Lead, { ownerId: userId, status: { $in: [...OPEN_LEAD_STATUSES] } })) {
        lead.ownerId = successorId;
        recordEvent(em, 'funnel', {
          type: Events.LeadReassigned,
          key: lead.id,
          payload: { leadId: lead.id, fromOwnerId: userId, toOwnerId: successorId },
        });
      }
      await em.flush();
    },
  },
};
