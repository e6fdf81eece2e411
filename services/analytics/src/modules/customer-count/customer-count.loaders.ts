import { entityLoader } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { OwnerCustomerCount } from './owner-customer-count.entity';

export function createCustomerCountLoaders(em: EntityManager) {
  return { customerCountByOwner: entityLoader(em, OwnerCustomerCount) };
}
