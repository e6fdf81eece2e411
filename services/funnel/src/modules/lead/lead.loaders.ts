import { PageLoader, entityLoader, type Actor, type RowCondition } from '@crm/platform';
import { visibleOwnerConditionFor } from '@crm/identity/replica';
import type { EntityManager } from '@mikro-orm/core';
import { Lead } from './lead.entity';

/** A lead is visible through its owner (ORG-2). */
export const visibleLeads = (actor: Actor | null): RowCondition => visibleOwnerConditionFor(actor, 'owner_id');

/** Every way to read leads goes through the actor's visibility. */
export function createLeadLoaders(em: EntityManager, actor: Actor | null) {
  const visible = visibleLeads(actor);
  return {
    lead: entityLoader(em, Lead, visible),
    leadsByCustomer: new PageLoader(em, Lead, 'customer_id', visible),
  };
}

export type LeadLoaders = ReturnType<typeof createLeadLoaders>;
