import { Events, recordEvent, type EventConsumer } from '@crm/events';
import { Customer } from './customer.entity';

/** ORG-7: a deactivated person's customers go to the successor, each as an ordinary reassignment. */
export const customerHandoverConsumer: EventConsumer = {
  name: 'customer-handover',
  handlers: {
    [Events.UserDeactivated]: async (em, { userId, successorId }) => {
      // A leaver stays nobody's secondary owner: work must not route to them.
      await em.nativeUpdate(Customer, { secondaryOwnerId: userId }, { secondaryOwnerId: null });
      for (const customer of await em.find(Customer, { ownerId: userId })) {
        customer.ownerId = successorId;
        recordEvent(em, 'customers', {
          type: Events.CustomerReassigned,
          key: customer.id,
          payload: { customerId: customer.id, fromOwnerId: userId, toOwnerId: successorId, secondaryOwnerId: customer.secondaryOwnerId },
        });
      }
      await em.flush();
    },
  },
};
