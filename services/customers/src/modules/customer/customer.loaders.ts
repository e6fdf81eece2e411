import { PageLoader, entityLoader, type Actor, type RowCondition } from '@crm/platform';
import { visibleOwnerConditionFor } from '@crm/identity/replica';
import type { EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { Customer, CustomerKey } from './customer.entity';

/** A customer is visible through its owner, its secondary owner and the sales team sharing it. */
export const visibleCustomers = (actor: Actor | null): RowCondition =>
  visibleOwnerConditionFor(actor, ['owner_id', 'secondary_owner_id'], 'sales_team_id');

/** What lists show: visible customers not merged into another (CUS-3). */
export const listedCustomers = (actor: Actor | null): RowCondition => {
  const visible = visibleCustomers(actor);
  return { sql: `merged_into_id is null and (${visible.sql})`, params: visible.params };
};

/** Every way to read customers goes through the actor's visibility. */
export function createCustomerLoaders(em: EntityManager, actor: Actor | null) {
  const visible = visibleCustomers(actor);
  return {
    customer: entityLoader(em, Customer, visible),
    customersByOwner: new PageLoader(em, Customer, 'owner_id', listedCustomers(actor)),
    // Only asked for customers already loaded through the visibility above.
    identityKeys: new DataLoader<string, CustomerKey[]>(async (ids) => {
      const keys = await em.find(CustomerKey, { customerId: { $in: [...ids] } }, { orderBy: { kind: 'asc' } });
      return ids.map((id) => keys.filter((key) => key.customerId === id));
    }),
  };
}

export type CustomerLoaders = ReturnType<typeof createCustomerLoaders>;

/** A customer by id; one merged into another (CUS-3) is that one, so references made before a merge still resolve. */
export async function survivorOf(loader: DataLoader<string, Customer | null>, id: string): Promise<Customer | null> {
  const customer = await loader.load(id);
  return customer?.mergedIntoId ? loader.load(customer.mergedIntoId) : customer;
}
