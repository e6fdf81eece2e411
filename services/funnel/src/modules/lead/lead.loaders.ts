import { PageLoader, entityLoader } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { Lead } from './lead.entity';

export function createLeadLoaders(em: EntityManager) {
  return {
    lead: entityLoader(em, Lead),
    leadsByCustomer: new PageLoader(em, Lead, 'customer_id'),
  };
}
