import { Events, type EventConsumer } from '@crm/events';
import type { EntityManager } from '@mikro-orm/core';
import { CustomerOwner } from './customer-owner.entity';

const setOwner = (em: EntityManager, customerId: string, ownerId: string) => em.upsert(CustomerOwner, { customerId, ownerId });

/** Follows customers' ownership, including hand-overs, so complaint visibility follows it too. */
export const customerOwnerConsumer: EventConsumer = {
  name: 'customer-owner',
  handlers: {
    [Events.CustomerCreated]: async (em, { customerId, ownerId }) => void (await setOwner(em, customerId, ownerId)),
    [Events.CustomerReassigned]: async (em, { customerId, toOwnerId }) => void (await setOwner(em, customerId, toOwnerId)),
  },
};
