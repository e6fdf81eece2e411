import { Events, type EventConsumer } from '@crm/events';

/**
 * CUS-3: a merged customer's contacts follow the survivor. The survivor keeps its primary contact;
 * the merged one's stays primary only if the survivor had none. Applying it twice changes nothing
 * (the second time no contact belongs to the merged customer).
 */
export const contactMergeConsumer: EventConsumer = {
  name: 'contact-customer-merge',
  handlers: {
    [Events.CustomerMerged]: async (em, { survivorId, mergedId }) => {
      await em.getConnection().execute(
        `update contact
            set customer_id = ?,
                is_primary = is_primary and not exists (select 1 from contact s where s.customer_id = ? and s.is_primary)
          where customer_id = ?`,
        [survivorId, survivorId, mergedId],
        'run',
        em.getTransactionContext(),
      );
    },
  },
};
