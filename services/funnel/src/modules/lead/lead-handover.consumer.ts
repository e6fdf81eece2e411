import { Events, type EventConsumer } from '@crm/events';
import { eventScope } from '@crm/platform';
import { Lead, OPEN_LEAD_STATUSES } from './lead.entity';
import { changeLeadOwner } from './lead.service';

/**
 * ORG-7: a deactivated person's open leads go to the successor, each as an ordinary reassignment.
 * Converted and discarded leads keep their owner: they are results, and results do not move.
 */
export const leadHandoverConsumer: EventConsumer = {
  name: 'lead-handover',
  handlers: {
    [Events.UserDeactivated]: async (em, { userId, successorId }, envelope) => {
      const scope = eventScope('funnel', em, envelope);
      for (const lead of await em.find(Lead, { ownerId: userId, status: { $in: [...OPEN_LEAD_STATUSES] } })) {
        changeLeadOwner(scope, lead, successorId, 'The owner left; their open leads go to their successor.');
      }
      await em.flush();
    },
  },
};
