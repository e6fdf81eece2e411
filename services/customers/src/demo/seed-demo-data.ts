import { demoData } from '@crm/demo-data';
import { createScope, type Scope } from '@crm/platform';
import { Customer, matchTextOf, recordCustomerCreated, recordCustomerTeamChanged } from '../modules/customer';

/**
 * Seeds the demo customers once. Owners and teams come from the same demo data set identity seeds,
 * so the reach checks are skipped here; the events still flow, so other subgraphs learn of them
 * like of any other.
 */
export async function seedDemoData(scope: Scope): Promise<void> {
  if (await scope.em.count(Customer)) return;
  await scope.em.transactional(async (em) => {
    const tx = createScope({ ...scope, em });
    for (const fields of demoData().customers) {
      const customer = em.create(Customer, { ...fields, ...matchTextOf(fields), createdById: fields.ownerId, createdAt: scope.clock.now() });
      recordCustomerCreated(tx, customer);
      if (customer.salesTeamId) recordCustomerTeamChanged(tx, customer);
    }
  });
  // Fresh statistics before the consumers read thousands of new rows: with none, duplicate
  // detection's trigram lookups would be planned as scans of the whole table.
  await scope.em.getConnection().execute('analyze customer');
}
