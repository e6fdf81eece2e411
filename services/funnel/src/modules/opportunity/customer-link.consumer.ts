import { Events, type EventConsumer } from '@crm/events';
import type { EntityManager } from '@mikro-orm/core';
import { Lead } from '../lead';
import { Opportunity } from './opportunity.entity';

async function repoint(em: EntityManager, fromCustomerId: string, toCustomerId: string): Promise<void> {
  await em.nativeUpdate(Opportunity, { customerId: fromCustomerId }, { customerId: toCustomerId });
}

/**
 * Whatever pointed at a customer that is no longer one points at the customer that is: a merged
 * one's survivor (CUS-3), or the existing holder of a converted lead's key, which customers found
 * instead of creating the one funnel assigned. Applying either twice changes nothing.
 */
export const opportunityCustomerConsumer: EventConsumer = {
  name: 'opportunity-customer-link',
  handlers: {
    [Events.CustomerMerged]: async (em, { survivorId, mergedId }) => repoint(em, mergedId, survivorId),
    [Events.CustomerConversionLinked]: async (em, { customerId, existingCustomerId }) => {
      await repoint(em, customerId, existingCustomerId);
      // The lead module re-points leads on a merge itself; this link is conversion's own.
      await em.nativeUpdate(Lead, { customerId }, { customerId: existingCustomerId });
    },
  },
};
