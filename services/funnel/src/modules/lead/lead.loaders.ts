import { PageLoader, entityLoader, type Actor, type RowCondition } from '@crm/platform';
import { visibleCustomerCondition } from '@crm/customers/replica';
import { pgArray } from '@crm/events';
import { visibleOwnerConditionFor } from '@crm/identity/replica';
import type { EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { Lead } from './lead.entity';

/** A lead is visible through its owner (ORG-2). */
export const visibleLeads = (actor: Actor | null): RowCondition => visibleOwnerConditionFor(actor, 'owner_id');

/**
 * Whether the actor sees each customer, a batch in one statement: cleaning links a lead to the
 * customer it matched even when its author cannot see that customer, and Lead.customer must not
 * name it to them.
 */
function customerVisibilityLoader(em: EntityManager, actor: Actor | null) {
  const visible = visibleCustomerCondition(actor, 'customer_id');
  return new DataLoader<string, boolean>(async (ids) => {
    const rows = (await em
      .getConnection()
      .execute(`select customer_id from unnest(?::uuid[]) as t(customer_id) where ${visible.sql}`, [pgArray([...ids]), ...visible.params])) as { customer_id: string }[];
    const seen = new Set(rows.map((row) => row.customer_id));
    return ids.map((id) => seen.has(id));
  });
}

/** Every way to read leads goes through the actor's visibility. */
export function createLeadLoaders(em: EntityManager, actor: Actor | null) {
  const visible = visibleLeads(actor);
  return {
    lead: entityLoader(em, Lead, visible),
    leadsByCustomer: new PageLoader(em, Lead, 'customer_id', visible),
    customerVisible: customerVisibilityLoader(em, actor),
  };
}

export type LeadLoaders = ReturnType<typeof createLeadLoaders>;
