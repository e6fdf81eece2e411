import { PageLoader, entityLoader, type Actor, type RowCondition } from '@crm/platform';
import { visibleOwnerConditionFor } from '@crm/identity/replica';
import type { EntityManager } from '@mikro-orm/core';
import { Customer } from './customer.entity';

/** A customer is visible through its owner, its secondary owner and the sales team sharing it. */
export const visibleCustomers = (actor: Actor | null): RowCondition =>
  visibleOwnerConditionFor(actor, ['owner_id', 'secondary_owner_id'], 'sales_team_id');

/** Every way to read customers goes through the actor's visibility. */
export function createCustomerLoaders(em: EntityManager, actor: Actor | null) {
  const visible = visibleCustomers(actor);
  return {
    customer: entityLoader(em, Customer, visible),
    customersByOwner: new PageLoader(em, Customer, 'owner_id', visible),
  };
}

export type CustomerLoaders = ReturnType<typeof createCustomerLoaders>;
