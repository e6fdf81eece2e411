import { PageLoader, entityLoader, visibleOwnerConditionFor, type Actor } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { Lead } from './lead.entity';

/** Every way to read leads goes through the actor's visibility. */
export function createLeadLoaders(em: EntityManager, actor: Actor | null) {
  const visible = visibleOwnerConditionFor(actor, 'owner_id');
  return {
    lead: entityLoader(em, Lead, visible),
    leadsByCustomer: new PageLoader(em, Lead, 'customer_id', visible),
  };
}
