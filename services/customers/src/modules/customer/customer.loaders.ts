import { PageLoader, entityLoader, visibleOwnerConditionFor, type Actor } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { Customer } from './customer.entity';

/** A customer is visible through its owner and its secondary owner. */
export const OWNER_COLUMNS = ['owner_id', 'secondary_owner_id'];

/** Every way to read customers goes through the actor's visibility. */
export function createCustomerLoaders(em: EntityManager, actor: Actor | null) {
  const visible = visibleOwnerConditionFor(actor, OWNER_COLUMNS);
  return {
    customer: entityLoader(em, Customer, visible),
    customersByOwner: new PageLoader(em, Customer, 'owner_id', visible),
  };
}

export type CustomerLoaders = ReturnType<typeof createCustomerLoaders>;
