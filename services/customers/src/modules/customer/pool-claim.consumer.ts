import { Events, type EventConsumer } from '@crm/events';
import { eventScope } from '@crm/platform';
import { Customer } from './customer.entity';
import { changeCustomerOwner } from './customer.service';

/**
 * FUN-4: a customer claimed from funnel's public pool belongs to the claimant, as an ordinary
 * reassignment. Whoever let it drop does not stay on as secondary owner: a claimed record is the
 * claimant's alone. A redelivered claim finds the owner already set and changes nothing.
 */
export const poolClaimConsumer: EventConsumer = {
  name: 'customer-pool-claim',
  handlers: {
    [Events.PoolRecordClaimed]: async (em, { recordType, recordId, ownerId }, envelope) => {
      if (recordType !== 'CUSTOMER') return;
      const customer = await em.findOne(Customer, { id: recordId, mergedIntoId: null });
      if (!customer || customer.ownerId === ownerId) return;
      changeCustomerOwner(eventScope('customers', em, envelope), customer, ownerId, null);
      await em.flush();
    },
  },
};
