import { Events, type EventConsumer } from '@crm/events';

/** ORG-7: a deactivated person's leads go to the successor. */
export const leadHandoverConsumer: EventConsumer = {
  name: 'lead-handover',
  handlers: {
    [Events.UserDeactivated]: async (em, { userId, successorId }) => {
      await em
        .getConnection()
        .execute('update lead set owner_id = ? where owner_id = ?', [successorId, userId], 'run', em.getTransactionContext());
    },
  },
};
