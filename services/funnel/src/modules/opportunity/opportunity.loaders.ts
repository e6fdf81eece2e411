import { entityLoader, PageLoader, type Actor, type RowCondition } from '@crm/platform';
import { visibleOwnerConditionFor } from '@crm/identity/replica';
import type { EntityDictionary, EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { CustomerLifecycle } from '../../generated/graphql';
import { Opportunity, StageChange } from './opportunity.entity';

/** An opportunity is visible through its owner (ORG-2): the owner, their managers up the tree, admins. */
export const visibleOpportunities = (actor: Actor | null): RowCondition => visibleOwnerConditionFor(actor, 'owner_id');

/** Every way to read opportunities goes through the actor's visibility, one statement per batch. */
export function createOpportunityLoaders(em: EntityManager, actor: Actor | null) {
  const visible = visibleOpportunities(actor);
  const execute = async <T>(sql: string, params: unknown[]): Promise<T[]> => (await em.getConnection().execute(sql, params)) as T[];
  return {
    opportunity: entityLoader(em, Opportunity, visible),
    opportunitiesByCustomer: new PageLoader(em, Opportunity, 'customer_id', visible),
    opportunityByLead: new DataLoader<string, Opportunity | null>(async (leadIds) => {
      const rows = await execute<EntityDictionary<Opportunity>>(`select * from opportunity where source_lead_id in (?) and (${visible.sql})`, [[...leadIds], ...visible.params]);
      const byLead = new Map(rows.map((row) => em.map(Opportunity, row)).map((found) => [found.sourceLeadId, found]));
      return leadIds.map((id) => byLead.get(id) ?? null);
    }),
    /** Only asked for opportunities already read through the visibility above. */
    stageHistory: new PageLoader(em, StageChange, 'opportunity_id'),
    customerLifecycle: new DataLoader<string, CustomerLifecycle>(async (customerIds) => {
      const rows = await execute<{ customer_id: string; status: CustomerLifecycle }>('select customer_id, status from customer_lifecycle where customer_id in (?)', [[...customerIds]]);
      const byId = new Map(rows.map((row) => [row.customer_id, row.status]));
      return customerIds.map((id) => byId.get(id) ?? CustomerLifecycle.Prospect);
    }),
  };
}
