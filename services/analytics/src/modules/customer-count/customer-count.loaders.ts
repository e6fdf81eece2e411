import { entityLoader, type Actor } from '@crm/platform';
import { DirectoryUser, visibleOwnerConditionFor } from '@crm/identity/replica';
import type { EntityManager } from '@mikro-orm/core';
import { OwnerCustomerCount } from './owner-customer-count.projection';

/** Figures about a person are visible like the records they own (ORG-2). */
export function createCustomerCountLoaders(em: EntityManager, actor: Actor | null) {
  return {
    reachablePerson: entityLoader(em, DirectoryUser, visibleOwnerConditionFor(actor, 'id')),
    customerCountByOwner: entityLoader(em, OwnerCustomerCount),
  };
}

export type CustomerCountLoaders = ReturnType<typeof createCustomerCountLoaders>;
