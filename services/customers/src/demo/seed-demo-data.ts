import { demoData } from '@crm/demo-data';
import { Events, recordEvent } from '@crm/events';
import type { EntityManager } from '@mikro-orm/core';
import { Customer } from '../modules/customer';

/**
 * Seeds the demo customers once. Owners come from the same demo data set identity seeds, so the
 * owner check is skipped here; the events still flow, so analytics counts them like any other.
 */
export async function seedDemoData(em: EntityManager): Promise<void> {
  if (await em.count(Customer)) return;
  await em.transactional(async (tx) => {
    for (const fields of demoData().customers) {
      const customer = tx.create(Customer, { ...fields, createdById: fields.ownerId });
      recordEvent(tx, 'customers', {
        type: Events.CustomerCreated,
        key: customer.id,
        payload: { customerId: customer.id, name: customer.name, ownerId: customer.ownerId },
      });
    }
  });
}
