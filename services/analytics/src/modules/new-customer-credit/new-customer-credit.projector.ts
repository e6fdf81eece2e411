import { Events, type EventConsumer } from '@crm/events';
import { shanghaiDate } from '@crm/platform';

/**
 * Projects funnel's risk review of each new customer (FUN-9) for appraisal (ANA-7). A change
 * replaces the customer's row only if it is newer (revision): a redelivery, or an older change
 * arriving late, leaves the row as it is.
 */
export const newCustomerCreditProjector: EventConsumer = {
  name: 'new-customer-credit',
  handlers: {
    [Events.NewCustomerReviewChanged]: async (em, { customerId, ownerId, state, registeredAt, revision }) => {
      await em.getConnection().execute(
        `insert into new_customer_credit (customer_id, owner_id, state, registered_day, revision)
         values (?, ?, ?, ?, ?)
         on conflict (customer_id) do update
           set owner_id = excluded.owner_id, state = excluded.state, registered_day = excluded.registered_day, revision = excluded.revision
           where new_customer_credit.revision < excluded.revision`,
        [customerId, ownerId, state, shanghaiDate(new Date(registeredAt)), revision],
        'run',
        em.getTransactionContext(),
      );
    },
  },
};
