import { demoData } from '@crm/demo-data';
import type { EntityManager } from '@mikro-orm/core';
import { Customer, recordCustomerCreated, recordCustomerTeamChanged } from '../modules/customer';

/**
 * Seeds the demo customers once. Owners and teams come from the same demo data set identity seeds,
 * so the reach checks are skipped here; the events still flow, so other subgraphs learn of them
 * like of any other.
 */
export async function seedDemoData(em: EntityManager): Promise<void> {
  if (await em.count(Customer)) return;
  await em.transactional(async (tx) => {
    for (const fields of demoData().customers) {
      const customer = tx.create(Customer, { ...fields, createdById: fields.ownerId });
      recordCustomerCreated(tx, customer);
      if (customer.salesTeamId) recordCustomerTeamChanged(tx, customer);
    }
  });
}
