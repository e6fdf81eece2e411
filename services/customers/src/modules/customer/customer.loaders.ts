import { PageLoader, entityLoader, visibleOwnerConditionFor, type Actor } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { Customer } from './customer.entity';

/** Every way to read customers goes through the actor's visibility. */
export function createCustomerLoaders(em: EntityManager, actor: Actor | null) {
  const visible = visibleOwnerConditionFor(actor, 'owner_id');
  return {
    customer: entityLoader(em, Customer, visible),
    customersByOwner: new PageLoader(em, Customer, 'owner_id', visible),
  };
}

export type CustomerLoaders = ReturnType<typeof createCustomerLoaders>;
