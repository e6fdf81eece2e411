import { Events, type EventConsumer } from '@crm/events';
import { CustomerOwner } from './customer-owner.entity';

/**
 * Follows customers' ownership and sharing, hand-overs included, so complaint visibility and
 * routing follow them too. Events of one customer share a key, so they arrive in order.
 */
export const customerOwnerConsumer: EventConsumer = {
  name: 'customer-owner',
  handlers: {
    [Events.CustomerCreated]: async (em, { customerId, ownerId }) => {
      await em.upsert(CustomerOwner, { customerId, ownerId, secondaryOwnerId: null, salesTeamId: null });
    },
    [Events.CustomerReassigned]: async (em, { customerId, toOwnerId, secondaryOwnerId }) => {
      await em.nativeUpdate(CustomerOwner, { customerId }, { ownerId: toOwnerId, secondaryOwnerId });
    },
    [Events.CustomerTeamChanged]: async (em, { customerId, salesTeamId }) => {
      await em.nativeUpdate(CustomerOwner, { customerId }, { salesTeamId });
    },
    // As in customers: a leaver stays nobody's secondary owner.
    [Events.UserDeactivated]: async (em, { userId }) => {
      await em.nativeUpdate(CustomerOwner, { secondaryOwnerId: userId }, { secondaryOwnerId: null });
    },
  },
};
