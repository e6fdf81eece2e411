import { PageLoader, entityLoader } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { Customer } from './customer.entity';

export function createCustomerLoaders(em: EntityManager) {
  return {
    customer: entityLoader(em, Customer),
    customersByOwner: new PageLoader(em, Customer, 'owner_id'),
  };
}

export type CustomerLoaders = ReturnType<typeof createCustomerLoaders>;
