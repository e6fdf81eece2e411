import { Events, type EventConsumer } from '@crm/events';
import { eventScope } from '@crm/platform';
import { Customer } from './customer.entity';
import { changeCustomerOwner } from './customer.service';

/** ORG-7: a deactivated person's customers go to the successor, each as an ordinary reassignment. */
export const customerHandoverConsumer: EventConsumer = {
  name: 'customer-handover',
  handlers: {
    [Events.UserDeactivated]: async (em, { userId, successorId }, envelope) => {
      const scope = eventScope('customers', em, envelope);
      // A leaver stays nobody's secondary owner: work must not route to them.
      await em.nativeUpdate(Customer, { secondaryOwnerId: userId }, { secondaryOwnerId: null });
      for (const customer of await em.find(Customer, { ownerId: userId })) {
        changeCustomerOwner(scope, customer, successorId, customer.secondaryOwnerId);
      }
      await em.flush();
    },
  },
};
